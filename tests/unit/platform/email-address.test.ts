import { describe, expect, it } from "vitest";
import { email } from "~/modules/accounts/accounts.schema";
import { fields } from "~/utils/forms.server";
import { canonicalEmail, hasMailbox } from "~/utils/email-address";

// The email fields of the account forms and of the guest's signature form.
const EmailSchemaProbe = { account: email(), guest: fields.email() };

describe("the canonical email", () => {
  it.each([
    ["Jan.Jansen+petitie@Gmail.com", "janjansen@gmail.com"],
    ["j.a.n@googlemail.com", "jan@gmail.com"],
    ["anna+1@outlook.com", "anna@outlook.com"],
    ["anna.de.vries@outlook.com", "anna.de.vries@outlook.com"],
    ["  Piet@Voorbeeldstad.NL ", "piet@voorbeeldstad.nl"],
    // "+tags" fold on every domain, as the UK petitions service does (docs/decisions/011).
    ["piet+tag@voorbeeldstad.nl", "piet@voorbeeldstad.nl"],
    ["p.iet+a+b@voorbeeldstad.nl", "p.iet@voorbeeldstad.nl"],
  ])("folds %s to %s", (input, expected) => {
    expect(canonicalEmail(input)).toBe(expected);
  });

  it("never folds +alice@gmail.com into the empty @gmail.com: such an address has no mailbox and is refused", () => {
    for (const address of ["+alice@gmail.com", "+bob@gmail.com", ".@gmail.com", "+x@voorbeeldstad.nl"]) {
      expect(hasMailbox(address), address).toBe(false);
      expect(EmailSchemaProbe.account.safeParse(address).success, address).toBe(false);
      expect(EmailSchemaProbe.guest.safeParse(address).success, address).toBe(false);
    }
    expect(hasMailbox("alice@gmail.com")).toBe(true);
    expect(EmailSchemaProbe.account.safeParse("alice+x@gmail.com").success).toBe(true);
  });
});

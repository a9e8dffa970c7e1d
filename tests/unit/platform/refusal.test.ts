// One refusal type and one way from a refusal to its message (issue #8): every domain's refusal
// codes have a message in Dutch and English, and a refusal lands beside its field or on the form.
import { describe, expect, it } from "vitest";
import { catalogs, translator } from "~/i18n";
import { DISCUSSION_REFUSAL_MESSAGES } from "~/modules/discussions/discussions.server";
import { COMMENT_REFUSAL_MESSAGES } from "~/modules/participation/comments.refusals";
import { MODERATION_REFUSAL_MESSAGES } from "~/modules/participation/moderation.refusals";
import { refuse, refusalErrors, refusalMessage, type RefusalMessages } from "~/utils/refusal";

const TABLES: Record<string, RefusalMessages<string>> = {
  comments: COMMENT_REFUSAL_MESSAGES,
  moderation: MODERATION_REFUSAL_MESSAGES,
  discussions: DISCUSSION_REFUSAL_MESSAGES,
};

describe("a refusal", () => {
  it.each(Object.entries(TABLES))("of %s has a message in Dutch and in English for every code", (_domain, table) => {
    for (const [code, key] of Object.entries(table)) {
      expect(refusalMessage(refuse(code), table)).toBe(key);
      for (const locale of ["nl", "en"] as const) expect(catalogs[locale][key], `${code} (${locale})`).toBeTruthy();
    }
  });

  it("whose reason is a message key is its own message", () => {
    expect(refusalMessage(refuse("petition.error.signClosed"))).toBe("petition.error.signClosed");
  });

  it("is shown beside its field, or on the form when it has none, in the person's language", () => {
    const en = translator("en");
    expect(refusalErrors(en, refuse("petition.error.postcodeRequired", "postcode"))).toEqual({ postcode: en("petition.error.postcodeRequired") });
    expect(refusalErrors(en, refuse("not-closable"), DISCUSSION_REFUSAL_MESSAGES)).toEqual({ form: en("discussion.error.notClosable") });
    expect(en("discussion.error.notClosable")).not.toBe(translator("nl")("discussion.error.notClosable"));
  });
});

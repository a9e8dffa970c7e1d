import { describe, expect, it } from "vitest";
import {
  DeleteAccountForm,
  displayName,
  email,
  newPassword,
  ProfileForm,
  RegisterForm,
  ResetPasswordForm,
  SignInForm,
} from "~/modules/accounts/accounts.schema";

const issue = (result: { success: boolean; error?: { issues: Array<{ path: (string | number)[]; message: string; code: string }> } }) =>
  result.success ? null : result.error!.issues[0]!;

describe("a new password", () => {
  it.each([
    ["", false],
    ["123456789", false],
    ["1234567890", true],
    ["          ", true],
    ["x".repeat(200), true],
    ["x".repeat(201), false],
    ["correct horse battery staple", true],
  ])("%j is acceptable: %s", (value, ok) => {
    expect(newPassword().safeParse(value).success).toBe(ok);
  });

  it("is not trimmed: leading and trailing spaces count", () => {
    expect(newPassword().parse("  abcdefghij  ")).toBe("  abcdefghij  ");
  });
});

describe("a display name", () => {
  it.each([
    ["Anna de Vries", "Anna de Vries"],
    ["  Anna   de\u00a0Vries ", "Anna de Vries"],
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["Robert'); DROP TABLE users;--", "Robert'); DROP TABLE users;--"],
  ])("%j is kept as %j (escaping is the page's job, not the input's)", (value, expected) => {
    expect(displayName().parse(value)).toBe(expected);
  });

  it.each([[""], ["   "], ["x".repeat(81)], ["x".repeat(1_000_000)], ["tab\tname"], ["new\nline"]])("%j is refused", (value) => {
    expect(displayName().safeParse(value).success).toBe(false);
  });
});

describe("an email address", () => {
  it.each([
    ["anna@example.org", true],
    ["  Anna@Example.org ", true],
    ["anna", false],
    ["anna@", false],
    ["", false],
    [`${"a".repeat(250)}@example.org`, false],
  ])("%j is acceptable: %s", (value, ok) => {
    expect(email().safeParse(value).success).toBe(ok);
  });
});

describe("the registration form", () => {
  const valid = { displayName: "Anna", email: "anna@example.org", password: "long enough pw", locale: "en" };

  it("accepts a complete form", () => {
    expect(RegisterForm.parse(valid)).toEqual(valid);
  });

  it.each([
    ["locale", "de"],
    ["locale", undefined],
    ["password", "short"],
    ["email", "not-an-address"],
    ["displayName", ""],
  ])("refuses %s = %j", (field, value) => {
    const result = RegisterForm.safeParse({ ...valid, [field]: value });
    expect(issue(result)?.path).toEqual([field]);
  });
});

describe("the sign-in form", () => {
  it("accepts any non-empty password up to 200 characters (old passwords may be short)", () => {
    expect(SignInForm.safeParse({ email: "a@example.org", password: "x" }).success).toBe(true);
    expect(SignInForm.safeParse({ email: "a@example.org", password: "x".repeat(201) }).success).toBe(false);
  });
});

describe("the reset form", () => {
  it("wants the two passwords to be the same, and says so at the second field", () => {
    const result = ResetPasswordForm.safeParse({ token: "t", password: "long enough pw", confirmPassword: "long enough pX" });
    expect(issue(result)).toMatchObject({ path: ["confirmPassword"], message: "auth.reset.mismatch" });
    expect(ResetPasswordForm.safeParse({ token: "t", password: "long enough pw", confirmPassword: "long enough pw" }).success).toBe(true);
  });
});

describe("the profile form", () => {
  it.each([["immediate"], ["digest"], ["off"]])("accepts the email preference %s", (emailPreference) => {
    expect(ProfileForm.safeParse({ displayName: "A", locale: "nl", emailPreference }).success).toBe(true);
  });

  it("refuses an unknown email preference", () => {
    expect(ProfileForm.safeParse({ displayName: "A", locale: "nl", emailPreference: "weekly" }).success).toBe(false);
  });
});

describe("deleting an account", () => {
  it("needs the confirmation box ticked and a password", () => {
    expect(issue(DeleteAccountForm.safeParse({ password: "x" }))).toMatchObject({ path: ["confirm"], message: "form.mustAccept" });
    expect(issue(DeleteAccountForm.safeParse({ confirm: "on" }))?.path).toEqual(["password"]);
    expect(DeleteAccountForm.safeParse({ confirm: "on", password: "x" }).success).toBe(true);
  });
});

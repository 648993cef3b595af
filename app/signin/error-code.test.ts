import { describe, expect, it } from "vitest";
import { signInErrorFromCode } from "./error-code";

describe("signInErrorFromCode", () => {
  it("maps next-auth error codes to what the form says", () => {
    expect(signInErrorFromCode("CredentialsSignin")).toEqual({ kind: "invalid" });
    expect(signInErrorFromCode("rate_limited:12")).toEqual({ kind: "rate_limited", minutes: 12 });
    expect(signInErrorFromCode("Configuration")).toEqual({ kind: "generic" });
    expect(signInErrorFromCode(null)).toBeNull();
  });
});

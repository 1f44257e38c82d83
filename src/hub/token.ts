/**
 * What a Bearer token may contain (RFC 6750 `b64token`); Hub tokens (`hf_` and letters) are a subset. Anything else,
 * a space or a quote say, is a misconfiguration, and would also survive the scrubbing of errors in an escaped form.
 */
export const BEARER_TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;

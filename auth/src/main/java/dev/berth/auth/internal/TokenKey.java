package dev.berth.auth.internal;

import dev.berth.auth.Scopes;

/** What a token is good for: one registry, one token service, one normalised set of scopes. */
public record TokenKey(Origin origin, String service, Scopes scopes) {}

"""The citizens' e-counter: sign-in through OpenID Connect, online requests."""

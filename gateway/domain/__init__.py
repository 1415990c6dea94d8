"""Pure rules of the gateway: who the caller is (from token claims) and what each role may do."""

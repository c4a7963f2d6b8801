"""Services beside the pipeline: eligibility rules (and their drafts and review) and the provider directory."""

"""The review rules (R codes): what a finance-bureau reviewer would send back, one module per family."""

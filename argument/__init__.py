"""The argument's numbers and claims: `values*.py` declares each number the prose quotes
(`@value`, computed from the data at build time), `claims*.py` each statement checked against
the data (`@claim`). Figure modules may import the values (their captions' numbers); nothing
here imports a figure's chart."""

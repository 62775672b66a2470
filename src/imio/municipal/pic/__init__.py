"""The Plan d'investissement communal (PIC): plans, investments, rules, workflow, views."""

-- issue 12: SIGILL.
print(calls:between(0/0))

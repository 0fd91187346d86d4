-- issue 12: the object finaliser did not check its argument's type and segfaulted.
getmetatable(calls).__gc(io.stdout)
print(io.stdout)

-- Counts that become huge sizes once C reads them as size_t: file reads, repeats, packs and tables.
-- (io.stdout:read(-1) asked the allocator for 0xffffffffffffffff bytes: a lua fuzz finding.)
for _, n in ipairs{ -1, -2, math.mininteger, math.maxinteger, 2^53 } do
  print(pcall(io.stdout.read, io.stdout, n))
  print(pcall(io.stdout.read, io.stdout, "l", n))
  print(pcall(string.rep, "x", n))
  print(pcall(string.rep, "x", n, ","))
  print(pcall(string.pack, "c" .. tostring(n), ""))
  print(pcall(table.concat, {}, ",", 1, n))
  print(pcall(table.unpack, {}, 1, n))
  print(pcall(string.format, "%" .. tostring(n) .. "d", 1))
  print(pcall(function() return calls:top(n) end))
  print(pcall(function() return calls:head(n) end))
end
print("done")

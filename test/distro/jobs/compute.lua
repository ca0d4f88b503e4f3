-- Closures, tables, string operations, a little numeric work: a deterministic workout for lua5.4.
local function counter(start, step)
  local n = start
  return function() n = n + step; return n end
end
local c1, c2 = counter(0, 3), counter(100, -7)
local acc = {}
for i = 1, 20 do acc[#acc + 1] = c1() + c2() end
print("closures:", table.concat(acc, ",", 1, 8), "...", acc[#acc])

-- sieve and a table of primes
local N = 200000
local composite = {}
local primes = {}
for i = 2, N do
  if not composite[i] then
    primes[#primes + 1] = i
    for j = i * i, N, i do composite[j] = true end
  end
end
print("primes below " .. N .. ":", #primes, "last:", primes[#primes])

-- word frequencies with string ops
local text = string.rep("the quick brown fox jumps over the lazy dog and the cat ", 500)
local freq = {}
for w in text:gmatch("%a+") do freq[w] = (freq[w] or 0) + 1 end
local words = {}
for w, n in pairs(freq) do words[#words + 1] = { w = w, n = n } end
table.sort(words, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.w < b.w end)
local top = {}
for i = 1, 5 do top[i] = words[i].w .. "=" .. words[i].n end
print("top words:", table.concat(top, " "))
print("upper/rev/sub:", ("Emulated RISC-V"):upper(), ("abcdef"):reverse(), ("hello world"):sub(3, 8))
print("format:", string.format("%5.2f|%-6s|%05d|%x", math.pi, "ab", 42, 48879))
local s = {}
for i = 1, 1000 do s[#s + 1] = string.char(65 + (i * 7) % 26) end
local joined = table.concat(s)
local h = 0
for i = 1, #joined do h = (h * 31 + joined:byte(i)) % 4294967296 end
print("string hash:", h, "gsub count:", select(2, joined:gsub("A", "a")))

-- metatables and a small object system
local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, Vec) end
Vec.__tostring = function(v) return string.format("(%g, %g)", v.x, v.y) end
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec:len() return math.sqrt(self.x * self.x + self.y * self.y) end
local v = Vec.new(0, 0)
for i = 1, 100 do v = v + Vec.new(i % 7, -(i % 5)) end
print("vector:", tostring(v), string.format("%.6f", v:len()))

-- coroutines and integer/float arithmetic
local gen = coroutine.wrap(function() local a, b = 0, 1; for _ = 1, 80 do coroutine.yield(a); a, b = b, a + b end end)
local last
for _ = 1, 80 do last = gen() end
print("fib(79):", last, "int division:", 7 // 2, -7 // 2, 7 % -3, "float:", 1 / 3)
local m = {}
for i = 1, 60 do m[i] = {} for j = 1, 60 do m[i][j] = (i * j) % 11 end end
local tr = 0
for i = 1, 60 do for j = 1, 60 do local sum = 0 for k = 1, 60 do sum = sum + m[i][k] * m[k][j] end if i == j then tr = tr + sum end end end
print("matrix trace:", tr)

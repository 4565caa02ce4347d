-- POST /douyin/user/register/ with a new username on every request.
dofile("bench/common.lua")
local counter = 0
local prefix = "r" .. math.random(100000, 999999) .. "_"

request = function()
  counter = counter + 1
  local body = form({ username = prefix .. tostring(counter) .. "_" .. tostring(math.random(1, 1e9)), password = "benchpass" })
  return wrk.format("POST", "/douyin/user/register/", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

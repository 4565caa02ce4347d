-- POST /douyin/user/login/ as one of the users users.sh registered (bu_1 .. bu_N).
dofile("bench/common.lua")
local users = tonumber(os.getenv("BENCH_USERS") or "100")

request = function()
  local body = form({ username = "bu_" .. tostring(math.random(1, users)), password = "benchpass" })
  return wrk.format("POST", "/douyin/user/login/", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

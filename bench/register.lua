-- POST /douyin/user/register/ with a new username on every request.
dofile("bench/common.lua")
-- Names are unique across threads and runs: the run's start time, the thread, a counter.
local counter = 0
local run = os.time()

request = function()
  counter = counter + 1
  local body = form({ username = "r" .. run .. "_" .. thread_id .. "_" .. counter, password = "benchpass" })
  return wrk.format("POST", "/douyin/user/register/", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

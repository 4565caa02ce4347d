-- BENCH_ACTION=follow: POST /douyin/relation/action/ (follow or unfollow at random);
-- send: POST /douyin/message/action/; poll: GET /douyin/message/chat/ with
-- pre_msg_time=BENCH_POLL_SINCE. Each request is a random seeded user towards another one
-- (towards the user BENCH_TO_USER, when set).
-- social.sh exports BENCH_ACCOUNTS (a file with "id token" a line).
dofile("bench/common.lua")
local ids, tokens = {}, {}
local action = os.getenv("BENCH_ACTION") or "follow"
local since = os.getenv("BENCH_POLL_SINCE") or "0"
local to_user = os.getenv("BENCH_TO_USER")
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local counter = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_ACCOUNTS")) do
    local id, token = string.match(line, "^(%d+) (%S+)$")
    table.insert(ids, id)
    table.insert(tokens, token)
  end
  -- wrk threads start together: the address of a fresh table tells them apart.
  math.randomseed(os.time() + tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16) % 1000003)
end

-- two different seeded users: the caller's token and the other's id (BENCH_TO_USER's, when set)
local function pair()
  local from = math.random(1, #ids)
  if to_user then
    while ids[from] == to_user do from = math.random(1, #ids) end
    return tokens[from], to_user
  end
  local to = math.random(1, #ids - 1)
  if to >= from then to = to + 1 end
  return tokens[from], ids[to]
end

request = function()
  counter = counter + 1
  local token, to = pair()
  if action == "send" then
    return wrk.format("POST", "/douyin/message/action/", headers, form({ token = token, to_user_id = to,
      action_type = "1", content = "bench message " .. counter .. " 😀" }))
  elseif action == "poll" then
    return wrk.format("GET", "/douyin/message/chat/?token=" .. token .. "&to_user_id=" .. to
      .. "&pre_msg_time=" .. since)
  end
  return wrk.format("POST", "/douyin/relation/action/", headers, form({ token = token, to_user_id = to,
    action_type = tostring(math.random(1, 2)) }))
end

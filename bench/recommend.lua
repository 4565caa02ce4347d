-- GET /douyin/feed/ with the token of a random seeded user: BENCH_FEED=recommend adds
-- feed_type=recommend, otherwise the latest feed. recommend.sh exports BENCH_ACCOUNTS (a file with
-- "id token" a line).
dofile("bench/common.lua")
local tokens = {}
local feed = os.getenv("BENCH_FEED") or "latest"

function init(args)
  for line in io.lines(os.getenv("BENCH_ACCOUNTS")) do
    local _, token = string.match(line, "^(%d+) (%S+)$")
    table.insert(tokens, token)
  end
  math.randomseed(os.time() + tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16) % 1000003)
end

request = function()
  local token = tokens[math.random(1, #tokens)]
  local type = feed == "recommend" and "&feed_type=recommend" or ""
  return wrk.format("GET", "/douyin/feed/?token=" .. token .. type)
end

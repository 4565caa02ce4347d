-- POST /douyin/favorite/action/ (like or unlike at random) or, with BENCH_ACTION=comment,
-- /douyin/comment/action/ (post), as a random seeded user on a random seeded video.
-- interact.sh exports BENCH_TOKENS (a file with one token a line) and the video id range.
dofile("bench/common.lua")
local tokens = {}
local video_min = tonumber(os.getenv("BENCH_VIDEO_MIN"))
local video_max = tonumber(os.getenv("BENCH_VIDEO_MAX"))
local comment = os.getenv("BENCH_ACTION") == "comment"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local counter = 0
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")

-- With BENCH_DELAY_MS, each connection waits that long between its requests (a paced load).
if pause then
  function delay()
    return pause
  end
end

function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    table.insert(tokens, line)
  end
  -- wrk threads start together: the address of a fresh table tells them apart.
  math.randomseed(os.time() + tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16) % 1000003)
end

request = function()
  counter = counter + 1
  local token = tokens[math.random(1, #tokens)]
  local video = tostring(math.random(video_min, video_max))
  if comment then
    return wrk.format("POST", "/douyin/comment/action/", headers, form({ token = token, video_id = video,
      action_type = "1", comment_text = "bench comment " .. counter .. " 😀" }))
  end
  return wrk.format("POST", "/douyin/favorite/action/", headers, form({ token = token, video_id = video,
    action_type = tostring(math.random(1, 2)) }))
end

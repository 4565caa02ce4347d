-- Shared wrk helpers. A scenario sets `request` (or uses the default GET of the URL) and may
-- call check_envelope() in response() so that a non-zero status_code counts as an error.
-- Globals so that done() can read them from every thread (each wrk thread has its own Lua state).
errors = 0
local threads = {}

-- Every thread gets a distinct thread_id (a global in its Lua state), for unique names.
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function check_envelope(status, body)
  if status ~= 200 or not string.find(body, '"status_code":0', 1, true) then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("error reply: " .. status .. " " .. string.sub(body, 1, 200) .. "\n") end
  end
end

-- wrk calls response() only when a script defines it; the default scenario checks every reply.
function response(status, headers, body)
  check_envelope(status, body)
end

function done(summary, latency, requests)
  local http_errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  local envelope_errors = 0
  for _, t in ipairs(threads) do
    envelope_errors = envelope_errors + (t:get("errors") or 0)
  end
  io.write(string.format("SUMMARY requests=%d errors=%d transport_errors=%d\n",
      summary.requests, envelope_errors, http_errors))
end

-- form-encodes a table of fields
function form(fields)
  local parts = {}
  for k, v in pairs(fields) do
    table.insert(parts, k .. "=" .. string.gsub(v, "([^%w%-_%.~])", function(c) return string.format("%%%02X", string.byte(c)) end))
  end
  return table.concat(parts, "&")
end

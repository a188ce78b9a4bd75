-- wrk script: many signed-in learners at once. Each request takes the next session token of the
-- file named by TOKENS, in turn, so every learner is used.
--   MODE=complete  POST "lesson done" for LESSON_ID, a fresh event id per request (EVENT_PREFIX-
--                  thread-counter); a 303 is a write the server acknowledged
--   MODE=home      GET the learner's home page
--   MODE=mixed     what a class does: of every ten requests six read the lesson, two mark it done
--                  (fresh event ids), two answer its quiz (QUESTIONS answers, chosen at random)
-- THINK_MS (0: none) makes each connection wait a random 0.5-1.5 times that long before every
-- request, as a reading learner does; wrk's latencies leave the wait out.
-- done() prints the acknowledged count and the p99 latency in a form bench.sh reads.
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local tokens, counter, mode, lesson, prefix, origin, questions, think
acked, failed = 0, 0

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS")) do
    if #line > 0 then table.insert(tokens, line) end
  end
  counter = 0
  mode = os.getenv("MODE") or "home"
  lesson = os.getenv("LESSON_ID")
  prefix = os.getenv("EVENT_PREFIX") or "bench"
  origin = os.getenv("ORIGIN")
  questions = tonumber(os.getenv("QUESTIONS") or "0")
  think = tonumber(os.getenv("THINK_MS") or "0")
end

function delay()
  if think > 0 then
    return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
  end
  return 0
end

local function post(path, headers, body)
  headers["Origin"] = origin
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", path, headers, body)
end

local function event_id()
  return prefix .. "-" .. id .. "-" .. counter
end

local function quiz_body()
  local body = "kind=lesson&target=" .. lesson .. "&check=" .. event_id()
  for q = 0, questions - 1 do
    body = body .. "&q" .. q .. "=" .. math.random(0, 3)
  end
  return body
end

function request()
  counter = counter + 1
  local token = tokens[((counter * 7 + id) % #tokens) + 1]
  local headers = { ["Cookie"] = "nd_session=" .. token, ["Accept-Encoding"] = "gzip" }
  local kind = mode
  if mode == "mixed" then
    local roll = counter % 10
    kind = (roll < 6 and "read") or (roll < 8 and "complete") or "quiz"
  end
  if kind == "complete" then
    return post("/learning/lessons/" .. lesson .. "/complete", headers, "event_id=" .. event_id())
  elseif kind == "quiz" then
    return post("/quiz", headers, quiz_body())
  elseif kind == "read" then
    return wrk.format("GET", "/lessons/" .. lesson, headers)
  end
  return wrk.format("GET", "/", headers)
end

-- A form the server refused comes back as a redirect with a flash message: not acknowledged.
function response(status, headers, body)
  local cookie = headers["set-cookie"] or headers["Set-Cookie"]
  local refused = cookie and string.find(cookie, "nd_flash=", 1, true)
  local ok
  if mode == "complete" or (mode == "mixed" and status == 303) then
    ok = status == 303 and not refused
  else
    ok = status == 200
  end
  if ok then acked = acked + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local a, f = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("acked")
    f = f + thread:get("failed")
  end
  io.write(string.format("BENCH ok=%d failed=%d socket_errors=%d p99_ms=%.1f rps=%.0f\n",
    a, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end

-- wrk script of the ingestion benchmark: POSTs Segment track messages to the collection API.
--
-- Environment (set by benchmarks/bench.sh):
--   BENCH_MODE        batch (POST /v1/batch with BENCH_BATCH_SIZE messages) or track (POST /v1/track)
--   BENCH_MESSAGES    JSON lines of messages whose messageId is the placeholder @MID@
--   BENCH_AUTH        the Authorization header (HTTP Basic, write key as the user name)
--   BENCH_BATCH_SIZE  messages per batch (default 100)
--   BENCH_RUN_ID      part of every messageId, so that ids are distinct across runs and phases
--
-- Every message gets its own messageId (run id, wrk thread, counter). Answers are counted by HTTP
-- status, and the "accepted" figure of each 200 answer is summed, so the message rate is what the
-- service says it accepted, not what was sent. done() prints RESULT key=value lines.

local mode = os.getenv("BENCH_MODE") or "track"
local batch_size = tonumber(os.getenv("BENCH_BATCH_SIZE") or "100")
local run_id = os.getenv("BENCH_RUN_ID") or "0"
local auth = os.getenv("BENCH_AUTH") or ""

local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no)
  table.insert(threads, thread)
end

-- Per thread (each wrk thread has its own Lua state).
local prefixes, suffixes = {}, {}
local templates = 0
local next_template = 0
local counter = 0
local path, headers
statuses = {}
accepted = 0

function init(args)
  local file = assert(io.open(os.getenv("BENCH_MESSAGES"), "r"))
  for line in file:lines() do
    local s, e = string.find(line, "@MID@", 1, true)
    if s then
      templates = templates + 1
      prefixes[templates] = string.sub(line, 1, s - 1)
      suffixes[templates] = string.sub(line, e + 1)
    end
  end
  file:close()
  assert(templates > 0, "no message template in BENCH_MESSAGES")
  -- Threads start at different templates, so they do not send the same people in lockstep.
  next_template = ((tid or 1) * 97) % templates
  path = mode == "batch" and "/v1/batch" or "/v1/track"
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
end

local function message()
  counter = counter + 1
  next_template = next_template % templates + 1
  return prefixes[next_template] .. string.format("bench-%s-%d-%012d", run_id, tid or 1, counter) .. suffixes[next_template]
end

function request()
  local body
  if mode == "batch" then
    local parts = {}
    for i = 1, batch_size do
      parts[i] = message()
    end
    body = '{"batch":[' .. table.concat(parts, ",") .. '],"sentAt":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ") .. '"}'
  else
    body = message()
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, resp_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 200 then
    local n = string.match(body, '"accepted":(%d+)')
    if n then
      accepted = accepted + tonumber(n)
    end
  end
end

function done(summary, latency, requests)
  local total_accepted = 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + (thread:get("accepted") or 0)
    local s = thread:get("statuses") or {}
    for code, n in pairs(s) do
      by_status[code] = (by_status[code] or 0) + n
    end
  end
  local out = {}
  local function put(key, value)
    out[#out + 1] = string.format("RESULT %s=%s", key, tostring(value))
  end
  put("mode", mode)
  put("duration_s", string.format("%.3f", summary.duration / 1e6))
  put("requests", summary.requests)
  put("bytes_read", summary.bytes)
  put("accepted_messages", total_accepted)
  put("errors_connect", summary.errors.connect)
  put("errors_read", summary.errors.read)
  put("errors_write", summary.errors.write)
  put("errors_timeout", summary.errors.timeout)
  put("non_2xx", summary.errors.status)
  local codes = {}
  for code, n in pairs(by_status) do
    codes[#codes + 1] = code .. ":" .. n
  end
  table.sort(codes)
  put("statuses", table.concat(codes, ","))
  put("latency_mean_ms", string.format("%.2f", latency.mean / 1000))
  put("latency_p50_ms", string.format("%.2f", latency:percentile(50) / 1000))
  put("latency_p90_ms", string.format("%.2f", latency:percentile(90) / 1000))
  put("latency_p99_ms", string.format("%.2f", latency:percentile(99) / 1000))
  put("latency_p999_ms", string.format("%.2f", latency:percentile(99.9) / 1000))
  put("latency_max_ms", string.format("%.2f", latency.max / 1000))
  io.write(table.concat(out, "\n") .. "\n")
end

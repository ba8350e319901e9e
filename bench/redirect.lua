-- wrk script for bench/redirect.ts.
-- Cycles over the request list in the file named by BENCH_REQUESTS: one line per request,
-- "path<TAB>user-agent<TAB>x-forwarded-for". Each wrk thread starts at its own offset.
-- done() prints one line "BENCH_RESULT {json}" for the runner to parse; bad_status is wrk's
-- "Non-2xx or 3xx responses" (status >= 400); sent counts requests handed to wrk, including
-- those still in flight when it stopped (which summary.requests leaves out).

local threads = {}
local requests = {}
local index = 0
sent = 0 -- global, so done() can read it from each thread

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  local file = os.getenv("BENCH_REQUESTS")
  for line in io.lines(file) do
    local path, ua, ip = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    requests[#requests + 1] = wrk.format("GET", path, { ["User-Agent"] = ua, ["X-Forwarded-For"] = ip })
  end
  if #requests == 0 then
    error("no requests in " .. tostring(file))
  end
  -- spread the threads over the list (7919 is prime, so offsets differ for any list size > 1)
  index = ((thread_number - 1) * 7919) % #requests
end

function request()
  sent = sent + 1
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, _)
  local total_sent = 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"sent":%d,"requests":%d,"duration_us":%d,"bad_status":%d,"connect_errors":%d,' ..
      '"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d}\n',
    total_sent, summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end

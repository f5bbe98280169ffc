-- Inference events for wrk. MODE:
--   hot   one event, 20 models
--   cold  one event, a set of 100,000 known models (cold/k-0 .. k-99999): each wrk thread cycles
--         through 50,000 of its own, so the run can be checked: every model sent must be fresh
--   new   one event, a model never seen before (new/m-<RUN>-<n>): every answered event is a row
--   batch 100 new models per request (batched/m-<RUN>-<n>)
-- At the end it prints "sent <thread> <requests>" per thread for the durability checks.
local mode = os.getenv("MODE") or "hot"
local run = os.getenv("RUN") or "0"
local threads = {}
counter = 0 -- global: done() reads it per thread
local base = 0
local known_base = 0

function setup(thread)
  thread:set("base", #threads * 100000000)
  thread:set("known_base", #threads * 50000)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(wrk.thread:get("base")) or 0
  known_base = tonumber(wrk.thread:get("known_base")) or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function new_event(provider)
  counter = counter + 1
  return string.format('{"providerId":"%s","modelId":"m-%s-%d"}', provider, run, base + counter)
end

request = function()
  local body
  if mode == "hot" then
    counter = counter + 1
    body = string.format('{"providerId":"hot","modelId":"hot-%d"}', counter % 20)
  elseif mode == "cold" then
    body = string.format('{"providerId":"cold","modelId":"k-%d"}', known_base + counter % 50000)
    counter = counter + 1
  elseif mode == "new" then
    body = new_event("new")
  else
    local events = {}
    for i = 1, 100 do events[i] = new_event("batched") end
    body = "[" .. table.concat(events, ",") .. "]"
  end
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  for i, thread in ipairs(threads) do
    io.write(string.format("sent %d %d\n", i, thread:get("counter")))
  end
end

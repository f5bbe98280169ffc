-- Inference events for wrk: MODE=hot (one event, 20 models), cold (one event, a model never used
-- before), batch (100 such events per request, provider batched). Cold ids are m-<RUN>-<n>, each wrk
-- thread counting in a range of its own, so every answered cold event names a model of its own and
-- a run can be checked for loss: rows like 'm-<RUN>-%' >= answered events.
local mode = os.getenv("MODE") or "hot"
local run = os.getenv("RUN") or "0"
local threads = {}
local counter = 0
local base = 0

function setup(thread)
  thread:set("base", #threads * 100000000)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(wrk.thread:get("base")) or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function cold_event(provider)
  counter = counter + 1
  return string.format('{"providerId":"%s","modelId":"m-%s-%d"}', provider, run, base + counter)
end

request = function()
  local body
  if mode == "hot" then
    counter = counter + 1
    body = string.format('{"providerId":"hot","modelId":"hot-%d"}', counter % 20)
  elseif mode == "cold" then
    body = cold_event("cold")
  else
    local events = {}
    for i = 1, 100 do events[i] = cold_event("batched") end
    body = "[" .. table.concat(events, ",") .. "]"
  end
  return wrk.format(nil, nil, nil, body)
end

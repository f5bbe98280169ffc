-- Inference events for wrk: MODE=hot (one event, 20 models), cold (one event, a model not used
-- before in this run, of 100,000 per thread), batch (100 such events per request, provider batched). Each wrk thread owns a range
-- of ids, so every answered cold event names a model of its own: the run can be checked for loss.
local mode = os.getenv("MODE") or "hot"
local threads = {}
local counter = 0
local base = 0

function setup(thread)
  thread:set("base", #threads * 50000)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(wrk.thread:get("base")) or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function cold_event(provider)
  counter = counter + 1
  return string.format('{"providerId":"%s","modelId":"m-%d"}', provider, base + counter)
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

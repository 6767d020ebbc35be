// A whole Rapport turn through the official MCP TypeScript SDK client (@modelcontextprotocol/sdk), over Streamable HTTP.
// Usage: RAPPORT_URL=http://127.0.0.1:5180/ RAPPORT_KEY=rk_... node client.mjs
// Prints one JSON line: the tools with their annotations, and what each step of the turn returned.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = new URL("mcp", process.env.RAPPORT_URL ?? "http://127.0.0.1:5180/");
const key = process.env.RAPPORT_KEY;
const transport = new StreamableHTTPClientTransport(url, {
  requestInit: { headers: key ? { Authorization: `Bearer ${key}` } : {} },
});
const client = new Client({ name: "rapport-ts-test", version: "1.0.0" });
await client.connect(transport);

async function call(name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content.filter((c) => c.type === "text").map((c) => c.text).join("");
  if (result.isError) {
    throw new Error(`${name} failed: ${text}`);
  }
  return JSON.parse(text);
}

const { tools } = await client.listTools();
const prepared = await call("prepare_turn", { userId: "ts-user", sessionId: "ts-session", situation: "I keep putting off my thesis" });
const completed = await call("complete_turn", {
  turnId: prepared.turnId,
  response: "That sounds heavy. What is one small piece you could start with today?",
  kind: prepared.recommendation.best,
});
const outcome = await call("set_outcome", { interventionId: completed.intervention.id, outcome: "helped", rating: 4 });
const ended = await call("end_session", { userId: "ts-user", sessionId: "ts-session" });
const stats = await call("get_stats", { userId: "ts-user" });
const refused = await client.callTool({ name: "set_outcome", arguments: { interventionId: completed.intervention.id, outcome: "maybe" } });

console.log(JSON.stringify({
  tools: tools.map((t) => ({ name: t.name, annotations: t.annotations, description: t.description })),
  turnId: prepared.turnId,
  best: prepared.recommendation.best,
  interventionId: completed.intervention.id,
  outcome: outcome.outcome,
  reflectionSession: ended.reflection.sessionId,
  stats,
  refused: { isError: refused.isError === true, text: refused.content.map((c) => c.text).join("") },
}));
await client.close();

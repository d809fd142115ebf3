// `npm run fire -- <functionName> [scheduleTime]`: runs one scheduled function now on the running stack.
const [name, scheduleTime] = process.argv.slice(2);
if (!name) {
  console.error("Usage: npm run fire -- <scheduledFunctionName> [scheduleTime ISO]");
  process.exit(2);
}
const origin = process.env.JIGA_SCHEDULER_URL ?? "http://127.0.0.1:4600";
const query = scheduleTime ? `?scheduleTime=${encodeURIComponent(scheduleTime)}` : "";
try {
  const response = await fetch(`${origin}/jobs/${name}:run${query}`, { method: "POST" });
  console.log(JSON.stringify(await response.json(), null, 2));
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`Could not reach the local scheduler at ${origin}: is \`npm start\` running?`, error);
  process.exit(1);
}

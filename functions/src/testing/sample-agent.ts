import type { CreateAgentBody } from "../agents/requests.js";

/**
 * A valid `POST /agents` body: a Gold Mentor for Valorant. Tests and demo data start from it and change
 * what they are about.
 */
export function sampleAgentBody(): CreateAgentBody {
  return {
    identity: {
      name: "Radiant Coach",
      imageUrl: "https://cdn.jiga.test/agents/radiant-coach.png",
      rank: "Gold",
      type: "Mentor",
      bio: "Reviews your rounds and plans your aim practice.",
    },
    config: {
      primary: { provider: "openai", model: "gpt-4o" },
      fallback: { provider: "anthropic", model: "claude-haiku-3.5" },
      temperature: 0.6,
      systemPrompt: "You are a calm, precise Valorant coach.",
      nationality: "BR",
      languages: ["pt", "en"],
      voice: "aria",
      features: { voiceChat: true, commentator: false, memory: true },
      toolkit: ["game_stats", "replay_review"],
      specialisation: { games: ["valorant"], focus: ["aim", "economy"], method: "Trained" },
    },
    pricing: { hourlyDof: 500, dailyDof: 9_000, weeklyDof: 50_000 },
    availability: { status: "available", maxConcurrentSessions: 2 },
  };
}

/**
 * The starter roadmap's texts in English, as seeded (lib/roadmap/seed.ts). A starter card nobody
 * has edited (same title and description) is shown in the reader's language from the roadmap
 * catalogue (`starter.<key>.*`), as a default column keeps its translated name until renamed.
 * Plain values only: client and server code import this module.
 */
export const STARTER_TEXTS = {
  shared_goal: {
    title: "Agree one revenue goal for both teams",
    description:
      "Stage 1 — shared goals.\nSales and marketing commit to the same quarterly revenue number and the share of it that marketing sources.",
  },
  shared_definitions: {
    title: "Write shared MQL and SQL definitions",
    description:
      "Stage 2 — shared definitions.\nOne written definition of an MQL and an SQL in the glossary, agreed by both teams, so the conversion rate means the same to everyone.",
  },
  sla_sales: {
    title: "Respond to every MQL within 4 business hours",
    description:
      "Stage 3 — service-level agreement (sales' side).\nEvery MQL gets a first sales response within 4 business hours.",
  },
  sla_marketing: {
    title: "Deliver 100 MQLs a month to sales",
    description:
      "Stage 3 — service-level agreement (marketing's side).\nMarketing delivers at least the monthly MQL target.",
  },
  closed_loop: {
    title: "Close the loop on every handed-over lead",
    description:
      "Stage 4 — integrated data.\nSales records accept/reject with a reason on each lead; CRM and marketing data are imported weekly so both teams read the same numbers.",
  },
  joint_review: {
    title: "Run the six-weekly joint pipeline review",
    description:
      "Stage 5 — joint reviews.\nLeadership, marketing and sales review this board, the SLA and the pipeline together every six weeks.",
  },
  content_use: {
    title: "Give sales the content it actually uses",
    description:
      "Stage 5 — joint reviews.\nReview content usage with sales and retire assets nobody shares with customers.",
  },
} as const;
export type StarterKey = keyof typeof STARTER_TEXTS;

/** The starter card a card still is (its title and description as seeded), or null. */
export function starterKeyOf(card: { title: string; description: string }): StarterKey | null {
  for (const [key, text] of Object.entries(STARTER_TEXTS) as [StarterKey, { title: string; description: string }][]) {
    if (text.title === card.title && text.description === card.description) return key;
  }
  return null;
}

/** A card with its starter texts in the reader's language (`translate` reads `starter.<key>.*`), else as it is. */
export function localiseStarterCard<C extends { title: string; description: string }>(
  card: C,
  translate: (key: `starter.${StarterKey}.${"title" | "description"}`) => string,
): C {
  const key = starterKeyOf(card);
  return key === null ? card : { ...card, title: translate(`starter.${key}.title`), description: translate(`starter.${key}.description`) };
}

import type { TagSeed } from "./types";

export const tags: TagSeed[] = [
  { slug: "politics", name: "Politics" },
  { slug: "climate", name: "Climate" },
  { slug: "technology", name: "Technology" },
  { slug: "business", name: "Business" },
  { slug: "health", name: "Health" },
  { slug: "science", name: "Science" },
  { slug: "sports", name: "Sports" },
  { slug: "culture", name: "Culture" },
  { slug: "education", name: "Education" },
  { slug: "transport", name: "Transport" },
  { slug: "housing", name: "Housing" },
  { slug: "europe", name: "Europe" },
  { slug: "local", name: "Local" },
  { slug: "opinion", name: "Opinion" },
  { slug: "energy", name: "Energy" },
];

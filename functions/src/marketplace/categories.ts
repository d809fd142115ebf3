import { z } from "zod";

/**
 * The marketplace's fixed category catalogue. A listing names one to three of them; browse counts listings
 * per category and search filters by one. Adding a category is a change here and nowhere else.
 */
export const categoryCatalogue = {
  coaching: "Coaching",
  strategy: "Strategy",
  companionship: "Companionship",
  competitive: "Competitive",
  creative: "Creative",
  automation: "Automation",
  analytics: "Analytics",
  "content-creation": "Content creation",
} as const;

export type Category = keyof typeof categoryCatalogue;
export const categories = Object.keys(categoryCatalogue) as [Category, ...Category[]];
export const Category = z.enum(categories);

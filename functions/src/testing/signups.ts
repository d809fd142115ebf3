import { admin, eventually } from "./stack.js";

/**
 * A sign-up ripples through two triggers: the account's profile, then the platform totals. A test that
 * creates accounts waits for the last effect, so that none of them lands in the next test's fresh state.
 */
export async function waitForSignupsCounted(count: number): Promise<void> {
  // Generous: the first events of a run start cold function workers, which on a busy machine takes seconds.
  await eventually(
    `${count} sign-ups counted`,
    async () => {
      const totals = await admin.db().doc("platformStats/totals").get();
      return totals.data()?.totalUsers === count ? true : undefined;
    },
    45_000,
  );
}

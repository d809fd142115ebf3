import { Collections } from "../common/collections.js";
import { converterFor } from "../common/converter.js";
import { db } from "../common/firebase.js";
import { DailyStats, PlatformTotals } from "./schemas.js";

const totalsConverter = converterFor(PlatformTotals);
const dailyConverter = converterFor(DailyStats);

export function platformTotalsRef() {
  return db().collection(Collections.platformStats).doc("totals").withConverter(totalsConverter);
}

export function dailyStatsRef(day: string) {
  return db().collection(Collections.dailyStats).doc(day).withConverter(dailyConverter);
}

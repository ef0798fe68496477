/**
 * Called from the 转人工 tap. Once `src/services/subscribe.ts` (subscription consent,
 * `requestSubscribe(['consultReply'])`) is on main, this is where it is called; until then
 * the staff reply reaches the citizen in the chat (polled) only.
 */
export function askHuman(): void {
  // Intentionally empty until the subscription service lands.
}

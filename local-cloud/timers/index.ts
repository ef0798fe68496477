export { CronError, cronProblem, matches, nextFireTimes, parseCron, type CronSchedule } from './cron';
export {
  createScheduler,
  timerEvent,
  type FireOutcome,
  type SchedulerOptions,
  type TimerEvent,
  type TimerInvoke,
  type TimerScheduler,
  type TimerTrigger,
} from './scheduler';

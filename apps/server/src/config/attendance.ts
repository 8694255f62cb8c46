import type { z } from 'zod';
import { duration, settingsArea } from './fields.js';

/** Attendance reports (issue 12). */
export const attendanceEnv = {
  /** Reconnects closer than this are one stay; 0 counts every connection as its own. */
  ATTENDANCE_MERGE_WINDOW: duration('30s', 0, 3600),
};

export const attendanceArea = settingsArea('Attendance', attendanceEnv);

type AttendanceEnv = z.infer<z.ZodObject<typeof attendanceEnv>>;

/** The attendance part of `Config`. */
export interface AttendanceSettings {
  attendanceMergeWindowSeconds: number;
}

export function toAttendanceSettings(env: AttendanceEnv): AttendanceSettings {
  return { attendanceMergeWindowSeconds: env.ATTENDANCE_MERGE_WINDOW };
}

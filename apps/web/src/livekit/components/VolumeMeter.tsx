import type { HTMLAttributes } from 'react';
import { useVolumeMeter, type MeterSource } from '../hooks/useVolumeMeter.js';
import './VolumeMeter.css';

export interface VolumeMeterProps extends HTMLAttributes<HTMLDivElement> {
  /** The audio track to measure; the bar stays empty without one. */
  track: MeterSource | undefined;
  /** The accessible name, e.g. "Microphone level". */
  label: string;
}

/** A horizontal level bar over {@link useVolumeMeter}, exposed to assistive tech as a meter. */
export function VolumeMeter({ track, label, className, ...props }: VolumeMeterProps) {
  const level = useVolumeMeter(track);
  const percent = Math.round(level * 100);
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={['volume-meter', className].filter(Boolean).join(' ')}
      {...props}
    >
      <div className="volume-meter__fill" style={{ transform: `scaleX(${level})` }} />
    </div>
  );
}

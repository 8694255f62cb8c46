// The LiveKit layer of the web app. Features import from here, not from the files inside.
export {
  LiveKitRoomProvider,
  type LiveKitRoomProviderProps,
} from './context/LiveKitRoomProvider.js';
export { useLiveKitRoom, type LiveKitRoomContextValue } from './context/room-context.js';
export {
  connectEarly,
  createRoom,
  unlockRoomAudio,
  RoomConnectionError,
  type ConnectionDetails,
  type RoomConnectionErrorCode,
} from './core/room-connection.js';
export { disconnectOutcome, type DisconnectOutcome } from './core/room-events.js';
export {
  MediaControlError,
  type MediaErrorReason,
  type MediaErrorSource,
} from './core/media-error.js';
export {
  AUDIO_SETTING_NAMES,
  DEFAULT_AUDIO_SETTINGS,
  type AudioSettingName,
  type AudioSettings,
} from './core/audio-settings.js';
export {
  DEFAULT_VIDEO_PRESET,
  VIDEO_PRESET_NAMES,
  VIDEO_PRESETS,
  isVideoPreset,
  type VideoPreset,
} from './core/video-presets.js';
export {
  DEVICE_KINDS,
  type DeviceKind,
  type DevicesByKind,
  type PermissionState,
  type SelectedDevices,
} from './core/media-devices.js';
export { useAudioSettings, type UseAudioSettingsResult } from './hooks/useAudioSettings.js';
export { useVideoSettings, type UseVideoSettingsResult } from './hooks/useVideoSettings.js';
export { useMediaDevices, type UseMediaDevicesResult } from './hooks/useMediaDevices.js';
export { useSelectedDevices, type UseSelectedDevicesResult } from './hooks/useSelectedDevices.js';
export { useVolumeMeter, type MeterSource } from './hooks/useVolumeMeter.js';
export {
  useMicrophonePreview,
  type UseMicrophonePreviewOptions,
} from './hooks/useMicrophonePreview.js';
export { useTrackPreview, type UseTrackPreviewOptions } from './hooks/useTrackPreview.js';
export { useLiveKitMedia, type UseLiveKitMediaResult } from './hooks/useLiveKitMedia.js';
export { useConnectedOnce } from './hooks/useConnectedOnce.js';
export { useFirstPicture } from './hooks/useFirstPicture.js';
export { useEarlyVideo } from './hooks/useEarlyVideo.js';
export { useParticipantState } from './hooks/useParticipantState.js';
export type { ParticipantState } from './core/participant-state.js';
export { useDataTopic } from './hooks/useDataTopic.js';
export { useDisconnectOutcome } from './hooks/useDisconnectOutcome.js';
export { useParticipantChanges, useReconnected } from './hooks/useRoomChanges.js';
export { VolumeMeter, type VolumeMeterProps } from './components/VolumeMeter.js';
export { ParticipantVideo, type ParticipantVideoProps } from './components/ParticipantVideo.js';
export { ConnectionCheckRun, type ConnectionCheckRunOptions } from './check/check-run.js';
export {
  CHECK_TIMEOUTS,
  type CheckConnectionDetails,
  type CheckDetailsResult,
} from './check/check-connection.js';
export {
  CHECK_LINE_IDS,
  initialCheckLines,
  networkLinesSettled,
  type CheckLine,
  type CheckLineId,
  type CheckLineState,
  type CheckLines,
  type CheckReason,
} from './check/check-lines.js';
export { browserCodecs, LISTED_CODECS, type ListedCodec } from './check/codecs.js';
export type { MediaPath } from './check/media-path.js';
export { TURN_TRANSPORTS, type TurnTransport } from './check/ice-servers.js';

// Moved to lib/ (the charts follow the theme with it too); kept here so the room's imports stay.
export { useMediaQuery } from '../../lib/useMediaQuery.js';

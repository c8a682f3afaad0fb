// Imported by main.tsx before anything but the ICU warm-up: starts what boot.ts asks for while the
// rest of the main bundle (the components, both dictionaries) is still being evaluated.
import { startEarly } from './boot';

startEarly(window.location);

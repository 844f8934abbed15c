// Imports a name electron does not have: reported as a preload error.
import { noSuchThing } from 'electron';

noSuchThing();

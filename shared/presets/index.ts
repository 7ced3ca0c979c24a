import { type Procedure, procedureSchema } from '../procedure';
import { awb, awbCommissie } from './awb';
import { totaalonder1dak } from './totaalonder1dak';
import { wenb } from './wenb';
import { wkkgz } from './wkkgz';

const PRESET_INPUTS = { totaalonder1dak, wenb, awb, 'awb-commissie': awbCommissie, wkkgz };

export const PRESET_NAMES = Object.keys(PRESET_INPUTS) as (keyof typeof PRESET_INPUTS)[];
export type PresetName = keyof typeof PRESET_INPUTS;

/** A preset as a full, validated procedure (a fresh copy, so callers may change it). */
export function presetProcedure(name: PresetName): Procedure {
  return procedureSchema.parse(structuredClone(PRESET_INPUTS[name]));
}

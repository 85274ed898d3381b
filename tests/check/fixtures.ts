/**
 * A small valid .flint model used by the check tests as a clean baseline.
 */

/** The Juriconnect id of art. 4:1 Awb in {@link HEADER}. */
const JCI_AWB_4_1 = 'jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:1&z=2024-01-01&g=2024-01-01';

/** Source block and header lines reused by snippets. */
export const HEADER = `model "Aanvraag" { version: 2024-01-01 }
source awb-4:1 { juriconnect: "${JCI_AWB_4_1}" citation: "art. 4:1 Awb" valid: 1994-01-01 .. 2030-12-31 }
`;

/** A model every default rule accepts without any diagnostic. */
export const VALID = `${HEADER}fact [persoon]: actor { sources: awb-4:1 }
fact [bestuursorgaan] { sources: awb-4:1 }
fact [aanvraag](aanvrager: [persoon]) { holds when: created  sources: awb-4:1 }
fact [inkomen](p: [persoon]): decimal
fact [ontvankelijk](p: [persoon]) { holds when: [aanvraag](p) and [inkomen](p) < 30000.00 }
act <<indienen>>(x: [persoon]) {
  actor: x
  recipient: [bestuursorgaan]
  preconditions: not [aanvraag](x)
  creates: [aanvraag](x), <beslissen>(x)
  sources: awb-4:1
}
act <<besluiten>>(x: [persoon]) {
  actor: [bestuursorgaan]
  recipient: x
  preconditions: [ontvankelijk](x) and <beslissen>(x)
  terminates: <beslissen>(x)
  sources: awb-4:1
}
duty <beslissen>(x: [persoon]) {
  holder: [bestuursorgaan]
  claimant: x
  created by: <<indienen>>
  terminated by: <<besluiten>>
  deadline: within 8 weeks
}
`;

// Everyday English words (money, shopping, sport, travel, food, home, work, weather, things):
// real words, never a slip of a tool's word. Spelling tolerance reads "segmnet" as "segment",
// but "spend" is not "speed", "truck" is not "track", "stock" is not "stack" and "shirt" is no
// "drift": a word people write correctly keeps its own meaning (so "segment my customers by how
// much they spend" names nothing under the microscope).

const EVERYDAY = new Set(
  (
    'account accounts apple apples article articles autumn baby bake baked baking bank banks beach bean beans bear ' +
    'beat beauty bed beds beer bell belt bench bend berry bike bikes bill bills bird birds birth birthday black ' +
    'blade blame blank blast blend bless blind block blood blow blue board boat body bone bonus book books boot ' +
    'border boss bottle bottom bought bound bowl brain branch brand brave bread break breakfast brick bride brief ' +
    'bright bring broad brother brown brush budget budgets build bunch burn burst bush business businesses busy ' +
    'button buy buying buys cabin cable cake cakes call called calling calls calorie calories camera camp canal ' +
    'candle capital captain car carbon card cards care career carpet carry cars case cash castle catch cause ' +
    'ceiling center chain chair chairs chalk champion chance change channel chapter charge chart chase chat cheap ' +
    'check cheese chest chicken chief child children choice church circle citizen city claim class classes clean ' +
    'clear clerk click client clients cliff climb clock close cloth clothes cloud clouds club coach coast coat ' +
    'code coffee cold collar college color colour column comedy comfort common companies company contract cook ' +
    'cooking cooks cool copy corner cost costing costs cotton couch cough count country counts county court cover ' +
    'crack crash crate crew crime crisis crop cross crowd cruise customer customers cycle damage dance dances ' +
    'danger dark data date deadline deadlines dealer death debate debt debts decade degree delay deliver delivery ' +
    'depth desert design desk detail device diary diet dinner dirt dish disk doctor dollar door doors draft drama ' +
    'drawing dream dress drill drink drinks drive driver drives driving drug dust duty earth edge editor effort ' +
    'email emails enemy energy engine entry error essay evening event exam exams excuse exit expert eye face fact ' +
    'factor failure fair faith fall fame family farm farmer fashion father fault favour fear feature fee feel ' +
    'feels felt fence field fight figure file film films filter final finger fire firm fish flag flame flash flat ' +
    'flats fleet flight flights flood floor floors flour flower focus folder food foods football force forest form ' +
    'fortune frame freedom friend friends fruit fruits fuel fund funny future gallery game games gap garage garden ' +
    'gardens gate gift girl glass glove goal goals golf grade grades grain grass green ground group guard guess ' +
    'guest guide guitar gym habit hair half hall hand handle harbour hat heart heat height hero hill hint history ' +
    'hobby hole holiday holidays home homes homework honey hope horse host hotel hotels hour house houses human ' +
    'humour hunt husband idea image income incomes index injury insect invest invested investment invests invoice ' +
    'invoices issue jacket job jobs joke judge juice jump jury key kick kids king kiss kitchen knee knife label ' +
    'lake lamp land laptop laser laugh law lawn layer leader leaf league lecture lesson lessons letter letters ' +
    'level library license lift light limit line link lion list load loan loans local lock logic lose loses losing ' +
    'loss lost luck lunch machine magazine mail manager marathon mark market markets master match matches matter ' +
    'mayor meal meals measure measures meat medal media meeting meetings member memory mental menu mercy merge ' +
    'mess message messages metal meter method middle mild mile miles milk mind mine minute mirror miss mission ' +
    'mistake mix mixed mobile mode model modes moment money monitor month months mood moral morning mortgage ' +
    'mother motor mount mouse mouth move movement moves movie muscle museum music nail name nation nature neck ' +
    'needle nerve net news night nights noise north note notice novel nurse object ocean offer office oil option ' +
    'order ordered orders outcome owner package packages page paid pain paint pair palace panel paper papers ' +
    'parcel parcels park part parties party pass path patient pattern pay paying pays peace peak pen pencil penny ' +
    'people pepper period person phone phones piano picture piece pilot pipe pitch place plan planet planning ' +
    'plans plant plants plastic plate plates play played player players playing plays pleasure plot plots plug ' +
    'plus pocket poem poems poet poetry point points pole police policy poll pool poor post posts pot potato pound ' +
    'powder power press pressure price prices pride priest prince print prints prison prize process produce ' +
    'product products profile profit profits program project projects promise proof property protect proud prove ' +
    'proves provide public pull pulls pump punch pupil purple purse push pushes quality quarter queen queue quote ' +
    'race races racing radio rain raining rains rate ratio read reading reads reason recipe recipes record region ' +
    'relief remote rent rents report reports request result revenue review reward rhythm rice ride rides riding ' +
    'ring risk river road roads rock role roll roof room rooms rope rose round route row rule run runner running ' +
    'runs safety sailor salad salaries salary sale sales salt sample samples sand sauce save saved saves saving ' +
    'savings scale scales scene scheme school schools science score scored scores screen sea seal search season ' +
    'seasons seat seats second secret sector sectors seed seeds seem seems seen segment select selected self sell ' +
    'selling sells send sending sends sense senses sent serial series sermon serve service services session settle ' +
    'shade shadow shake shame shape shapes share shares shark sharp sheep sheet shelf shell shelter shield shift ' +
    'shine ship shipping ships shirt shock shoe shoes shoot shop shopper shoppers shopping shops shore short shot ' +
    'shots shout show shower shows sight sign signal silver simple sing singing single sings sink sister site size ' +
    'sketch skill skills skin skirt sky sleep slice slide slides slight slip slow small smart smell smells smile ' +
    'smoke smooth snake snow soap soccer sock soil sold soldier solid solve song songs sort soul sound sounds soup ' +
    'source south space spare speak speech speed speeds spell spelled spells spend spending spends spent spirit ' +
    'sponge spoon sport sports spot spread spreads spring sprint square stable staff stage stages stair stake ' +
    'stamp stand star stars start state states station stay steam steel step steps stick still stock stocks ' +
    'stomach stone stop store stores stories storm storms story stove strange strategy straw stream street streets ' +
    'strength stress stretch strike string strong struck stuck student students study style subject success sugar ' +
    'suit summer sun sunny supply surface survey sweater swim swimming swims symbol system table talent tank tape ' +
    'target task taste tastes tax taxes tea teacher teachers team teams tear temperature tennis tent term test ' +
    'text texts theme theory thread throat thumb ticket tickets tide tie tiger timber time tip title today toe ' +
    'tomorrow tone tool tooth topic total touch tour towel tower town toy trace traces track tracks tract trade ' +
    'trades trading traffic train trainer training trains travel travels treat treatment treats tree trees trend ' +
    'trends trial trials tribe trick tricks trim trip trips tropic trouble trousers truck trucks true trust truth ' +
    'tube tune tunnel twin union unit university user valley value van vegetable vegetables vehicle venue version ' +
    'vessel victim video view village virus visit voice volume vote wage wages wagon walk walking walks wall walls ' +
    'waste watch water wave wealth weather wedding week weekend weeks weight weights wheel while whip whole wife ' +
    'win wind window windows wine wing winner winning wins winter wire witness wolf won wood word work worked ' +
    'worker working works world worry write writes writing yard year years yesterday youth zone ' +
    // adverbs that say how much or how sure, a letter or two from a tool's word ("overall" is no "overlay")
    'overall altogether entirely totally mostly largely generally roughly really fairly rather basically ' +
    'essentially actually overly mainly nearly almost somewhat slightly hardly scarcely ' +
    // people of a lab ("my supervisor" is no slip of "supervised")
    'supervisor colleague collaborator postdoc technician ' +
    // things of the house, the kitchen and the pocket, counted or followed by no microscope ("count my coins")
    'coin cent euro wallet cup mug fork teaspoon saucer pan jar tin lid box crate basket drawer cupboard wardrobe shelf ' +
    'sofa cushion pillow blanket duvet curtain rug toy doll lego teddy marble pebble sweet candy lolly chocolate biscuit ' +
    'cookie cracker crisp pill vitamin screw bolt peg sticker envelope crayon ' +
    'eraser notebook magnet dice domino puzzle cat kitten dog puppy pet hamster rabbit duck goose cow pig goat '
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** True when the word (lower case, as written) is an everyday English word: never corrected into another. */
export function isEverydayWord(word: string): boolean {
  return EVERYDAY.has(word);
}

/**
 * True when the word, singular or in an English plural ("coins", "candies", "boxes", "knives"), is an everyday word:
 * a thing of everyday life named, as a request's object is.
 */
export function isEverydayNoun(word: string): boolean {
  const w = word.toLowerCase();
  return [w, w.replace(/(?<=[^s])s$/, ''), w.replace(/ies$/, 'y'), w.replace(/(?<=(?:x|ch|sh|ss))es$/, ''), w.replace(/ves$/, 'f'), w.replace(/ves$/, 'fe')].some((f) => f.length > 2 && EVERYDAY.has(f));
}

/** The fewest letters a word cut short keeps to be read as the word it shortens ("gaus" of gaussian; "max" is a word of its own). */
const SHORTENED_MIN_LETTERS = 4;

/**
 * True when `short` is `full` cut short, as people write a word they mean in full ("thresh" of
 * threshold, "gauss" of gaussian, "interp" of interpolation): lower-case letters only, at least
 * four of them and at least half the word, its opening letters (a capital first letter allowed:
 * "a Gauss filter"). A name written in capitals ("CARE", "LoG") is a name of its own, never a
 * shortened word.
 */
export function isShortenedForm(short: string, full: string): boolean {
  const word = short.replace(/\.$/, '');
  const s = /^\p{Lu}\p{Ll}+$/u.test(word) ? word.toLowerCase() : word;
  const f = full.toLowerCase();
  return /^\p{Ll}+$/u.test(s) && s.length >= SHORTENED_MIN_LETTERS && f.length > s.length && 2 * s.length >= f.length && f.startsWith(s);
}

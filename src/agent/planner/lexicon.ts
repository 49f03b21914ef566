// The planner's vocabulary: which words mean which tool, method names, channel names,
// and which earlier result an adjective refers to ("the denoised one").

export interface Intent {
  tool: string;
  /** Case-insensitive patterns; a match marks where in the request the step is asked for. */
  patterns: RegExp[];
  /** Breaks ties between overlapping matches of equal length (higher wins). */
  priority?: number;
}

const r = (source: string) => new RegExp(source, 'gi');

export const INTENTS: Intent[] = [
  { tool: 'simulate_movie', patterns: [r(String.raw`\bsimulat\w*`), r(String.raw`\bsynthetic (?:movie|data|time-?lapse|cells|nuclei)`), r(String.raw`\b(?:generate|make|create) (?:me )?(?:a |some )?(?:test |demo |fake |toy |sample )?(?:movie|time-?lapse|data ?set)\b`), r(String.raw`\bdemo movie\b`), r(String.raw`\bfake (?:movie|data)\b`)] },
  { tool: 'load_movie', patterns: [r(String.raw`\b(?:load|open|read in|read|import)\b(?! (?:the )?(?:pipeline|workflow))`)] },
  { tool: 'movie_info', patterns: [r(String.raw`\b(?:movie|file|image|stack) info\w*`), r(String.raw`\bmetadata\b`), r(String.raw`\bdimensions\b`), r(String.raw`\bhow many (?:frames|channels|slices|time ?points|z[- ]?slices)\b`), r(String.raw`\bwhat(?:'s| is) the (?:pixel size|frame interval|bit depth|dtype|shape|size of the movie)`), r(String.raw`\bdescribe (?:the |this )?(?:movie|file|data)\b`), r(String.raw`\btell me about (?:the |this )?(?:movie|file|data)\b`), r(String.raw`\bpixel size\b`), r(String.raw`\bdescribe\b(?= (?:the |this |that |my )?(?:movie|file|data|image|stack|recording|time-?lapse|_))`), r(String.raw`\bwhat(?:'s| is| do we have| have we got) in (?:the |this |that |my )?(?:movie|file|data|image|stack|recording|time-?lapse|_)`), r(String.raw`\bwhat does (?:the |this |that |my )?(?:movie|file|stack|_+) contain\b`)], priority: 1 },
  { tool: 'align_channels', patterns: [r(String.raw`\balign (?:the )?(?:colou?r |two |both |all )?channels\b`), r(String.raw`\bchannels? (?:mis)?(?:alignment|registration|offset|shift)\b`), r(String.raw`\bchromatic (?:shift|aberration|offset)\b`), r(String.raw`\bchannels? (?:are |is )?(?:mis)?aligned\b`), r(String.raw`\bregister (?:the )?channels\b`)], priority: 3 },
  { tool: 'correct_drift', patterns: [r(String.raw`\bdrift\w*`), r(String.raw`\bstabili[sz]\w*`), r(String.raw`\bregist(?:er|ering|ered|ration)\b`), r(String.raw`\bjitter\w*`), r(String.raw`\bwobbl\w*`), r(String.raw`\bshak(?:y|ing|es)\b`), r(String.raw`\bmotion correct\w*`), r(String.raw`\balign (?:the )?(?:frames|time ?points|movie)\b`), r(String.raw`\bfast4dreg\b`), r(String.raw`\bstage (?:shift|movement|moves)\b`), r(String.raw`\bkeeps moving\b`), r(String.raw`\b(?:axial|focus|focal|z)[- ](?:shift|motion|movement)s?\b`)] },
  { tool: 'correct_bleach', patterns: [r(String.raw`\b(?:photo)?bleach\w*`), r(String.raw`\bfad(?:ing|es|ed)\b`), r(String.raw`\bdimm(?:ing|er)\b`), r(String.raw`\bintensity (?:decay|loss|drop)\b`), r(String.raw`\bsignal (?:decay|loss|drop)\b`), r(String.raw`\bgets? darker\b`)] },
  { tool: 'train_n2v', patterns: [r(String.raw`\btrain\w* (?:a |an |my own |our own |your own |the )?(?:n2v|noise2void|denois\w*|model)\b`), r(String.raw`\bfine-?tun\w*`)], priority: 5 },
  { tool: 'denoise', patterns: [r(String.raw`\bde-?nois\w*`), r(String.raw`\bnois(?:e|y)\b`), r(String.raw`\bgrainy\b`), r(String.raw`\bclean (?:it |them |this |the movie |the images? )?up\b`), r(String.raw`\bnoise2void\b`), r(String.raw`\bn2v\b`), r(String.raw`\brestor\w*`), r(String.raw`\bsmooth\w*\b(?! (?:in|over|through) time)`), r(String.raw`\bspeckle\w*`)] },
  { tool: 'super_resolve', patterns: [r(String.raw`\bsuper[- ]?res\w*`), r(String.raw`\bupsampl\w*`), r(String.raw`\bup-?scal\w*`), r(String.raw`\b(?:increase|improve|boost|enhance|double|triple|raise) (?:the )?(?:spatial |pixel |image |xy )?resolution\b`), r(String.raw`\bhigher resolution\b`), r(String.raw`\bsharpe[nr]\w*`)] },
  { tool: 'interpolate_frames', patterns: [r(String.raw`(?<!(?:bicubic|bilinear|spline|nearest|cubic|lanczos)\s)\binterpolat\w*`), r(String.raw`\bin-?between frames\b`), r(String.raw`\b(?:increase|double|triple|boost|raise) (?:the )?frame ?rate\b`), r(String.raw`\btemporal (?:resolution|upsampling|super-?resolution)\b`), r(String.raw`\bintermediate frames\b`)], priority: 2 },
  { tool: 'predict_label', patterns: [r(String.raw`\bartificial(?:ly)? label\w*`), r(String.raw`\bvirtual(?:ly)? stain\w*`), r(String.raw`\bin[- ]?silico (?:stain|label)\w*`), r(String.raw`\b(?:virtual|in[- ]?silico) (?:fluorescen\w+|staining|labell?ing)\b`), r(String.raw`\bpredict (?:the |a |an )?(?:nuclei|nucleus|nuclear|fluorescen\w*|stain\w*|labels?|dapi|hoechst)\b`), r(String.raw`\bfrom (?:the )?(?:bright-?field|phase(?: contrast)?|dic|transmitted)\b`), r(String.raw`\blabel-?free\b`)], priority: 2 },
  { tool: 'segment', patterns: [r(String.raw`\b(?:otsu|triangle|huang|yen)(?: method| threshold)?\b`), r(String.raw`\bsegment\w*`), r(String.raw`\b(?:detect|find|identify|outline|pick out|spot|locate) (?:all |the |every |each )?(?:cells|nuclei|nucleus|objects|blobs|spots)\b`), r(String.raw`\b(?:make|create|get|compute|generate|produce)\s+(?:\w+\s+)?masks?\b`), r(String.raw`\bthreshold\w*`), r(String.raw`\botsu\b`), r(String.raw`\bwatershed\b`), r(String.raw`\bstardist\b`), r(String.raw`\bcellpose\b`), r(String.raw`\blabel (?:the |all )?(?:cells|nuclei)\b`), r(String.raw`\bcount (?:the |all )?(?:cells|nuclei)\b`)] },
  { tool: 'detect_divisions', patterns: [r(String.raw`\b(?:detect|find|count|identify|spot|flag|mark|locate|list) (?:the |all |any )?(?:cell )?(?:divisions|mitos[ie]s|mitotic events|splits|splitting events|division events|dividing cells)\b`), r(String.raw`\bdivision detection\b`), r(String.raw`\bwhich cells divided\b`), r(String.raw`\bwhen (?:do|did) (?:the )?cells divide\b`)], priority: 4 },
  { tool: 'track', patterns: [r(String.raw`(?<!(?:the|those|these|each|every|per|of|all|long|short|longest|shortest|their) )\btrack(?:ing|ed)?\b(?! (?:lengths?|ids?|files?|table|xml|count|duration))`), r(String.raw`\bfollow (?:the |all |each |every )?(?:cells|nuclei|them|objects|spots)\b`), r(String.raw`\blink (?:the )?(?:detections|cells|nuclei|objects|spots)\b`), r(String.raw`\blineages?\b`)] },
  { tool: 'measure', patterns: [r(String.raw`\bmeasur(?:e|es|ing)\b`), r(String.raw`\bquantif\w*`), r(String.raw`\b(?:extract|compute|calculate|get) (?:the )?(?:features|areas?|sizes?|intensit\w+|shapes?|morpholog\w*|speeds?|velocit\w+)\b`), r(String.raw`\bfeature table\b`), r(String.raw`\bmean[- ]squared? displacement\b`), r(String.raw`\bmsd\b`)] },
  { tool: 'analyze_timeseries', patterns: [r(String.raw`\btime[- ]?series\b`), r(String.raw`\bauto-?correlat\w*`), r(String.raw`\bcross-?correlat\w*`), r(String.raw`\bperiodic\w*`), r(String.raw`\boscillat\w*`), r(String.raw`\bnormali[sz]\w* (?:the )?(?:traces|intensit\w+|signals?|curves)\b`), r(String.raw`\bf\s*/\s*f0\b`), r(String.raw`(?:\b|Δ)(?:d|delta|Δ)\s*f\s*/\s*f0?\b`), r(String.raw`\bgranger\b`), r(String.raw`\bpulses?\b`), r(String.raw`\bpeaks in the (?:traces|signal)\b`)], priority: 1 },
  { tool: 'embed', patterns: [r(String.raw`\bpca\b`), r(String.raw`\bumap\b`), r(String.raw`\bt-?sne\b`), r(String.raw`\bembed\w*`), r(String.raw`\bprincipal components?\b`), r(String.raw`\bclust\w*`), r(String.raw`\bdimensionality reduction\b`), r(String.raw`\bphenotyp\w*`)] },
  { tool: 'evaluate', patterns: [r(String.raw`\bevaluat\w*`), r(String.raw`\bscore (?:it|them|the \w+|against|my)\b`), r(String.raw`\baccura\w*`), r(String.raw`\bground[- ]truth\b`), r(String.raw`\bcompare (?:it |them |the \w+ )?(?:to|with|against) (?:the )?(?:truth|annotations?|reference)\b`), r(String.raw`\b(?:DET|SEG|TRA) (?:score|measure|metric)s?\b`), r(String.raw`\bhow good (?:is|are|was|were) (?:the )?(?:tracking|segmentation|tracks|result)\b`), r(String.raw`\bbenchmark\w*`)], priority: 1 },
  { tool: 'export', patterns: [r(String.raw`\bexport\w*`), r(String.raw`\b(?:save|write|dump|convert) (?:out )?(?:the |those |these |my )?(?:tracks|results|labels|masks|table|data)? ?(?:as|to|in|into) (?:a |the )?(?:ctc|csv|trackmate|xml|cell tracking challenge|spreadsheet|excel)\b`), r(String.raw`\b(?:in|to|as) (?:the )?(?:ctc|cell tracking challenge|trackmate xml|trackmate) format\b`)], priority: 2 },
  { tool: 'plot', patterns: [r(String.raw`\bplot\w*`), r(String.raw`\bgraph\w*`), r(String.raw`\bchart\w*`), r(String.raw`\bhistograms?\b(?! match)`), r(String.raw`\bvisuali[sz]\w*`), r(String.raw`\bdraw (?:a |the |me a )?(?:plot|graph|chart|histogram)`), r(String.raw`\bscatter\b`), r(String.raw`\bshow (?:me )?(?:the )?(?:tracks|trajectories|paths)\b`), r(String.raw`\bshow (?:me )?frame \d+`), r(String.raw`\b(?:with|and) (?:the )?(?:\w+ )?outlines\b`), r(String.raw`\b(?:overlay|draw|show|superimpose)\w*\b[^.;,]{0,40}\b(?:outlines?|contours?)\b`), r(String.raw`\b(?:outlines?|contours?) (?:on|over)(?: top of)? (?:frame|time ?point)\b`),
    // a projection with the tracks on it is a picture, not the project tool
    r(String.raw`\b(?:(?:max(?:imum)?|mean|average)(?:[- ]intensity)? )?projection (?:with|and) (?:the )?(?:tracks|trajectories|paths)\b(?: (?:on top|overlaid|drawn on|superimposed))?`), r(String.raw`\b(?:(?:draw|show|overlay|put|plot)\w* (?:me )?(?:the )?)?(?:tracks|trajectories|paths) (?:overlaid |drawn |superimposed )?(?:on|over|on top of)\b[^.;,]{0,25}\bprojection\b`)] },
  { tool: 'kymograph', patterns: [r(String.raw`\bkymo\w*`), r(String.raw`\bspace-?time (?:plot|map|image)\b`), r(String.raw`\bspatio-?temporal map\b`)], priority: 2 },
  { tool: 'project', patterns: [r(String.raw`\b(?:max(?:imum)?|mean|average|sum|min(?:imum)?|std|standard deviation|median)(?:[- ]intensity)? projection\b`), r(String.raw`\bproject\b(?! (?:folder|directory))`), r(String.raw`\bprojection\b`), r(String.raw`\bmip\b`), r(String.raw`\bz-?project\w*`), r(String.raw`\bcollapse (?:the )?(?:z|stack|time|frames)\b`), r(String.raw`\bflatten\w*`), r(String.raw`\bcolou?r[- ]coded\b`)] },
  { tool: 'list_models', patterns: [r(String.raw`\b(?:list|which|what|show)(?: me)? (?:the )?(?:available |installed |deep[- ]learning |onnx |pretrained )?models\b`), r(String.raw`\bmodels (?:are |do you have )?(?:available|installed)\b`), r(String.raw`\bwhat models\b`)], priority: 3 },
  { tool: 'save_pipeline', patterns: [r(String.raw`\b(?:save|store|keep|make|turn|record)\b[^.?!]{0,40}\b(?:as|into|to) (?:a |the )?(?:pipeline|workflow|recipe|protocol|macro)\b`), r(String.raw`\bsave (?:the |this |that |these |my |our |a )?(?:pipeline|workflow|recipe|protocol)\b`), r(String.raw`\b(?:pipeline|workflow) (?:called|named)\b`), r(String.raw`\bmake (?:this|that|it) reusable\b`)], priority: 6 },
  { tool: 'run_pipeline', patterns: [r(String.raw`\b(?:run|apply|use|reuse|execute) (?:the |my |our )?(?:saved )?[\w_-]+ (?:pipeline|workflow|recipe)\b`), r(String.raw`\b(?:run|apply|execute)\s+\S+\.ya?ml\b`), r(String.raw`\b(?:run|apply|use|reuse|re-?run|execute) (?:the |my |our |that |this )?(?:saved )?(?:pipeline|workflow|recipe)\b`), r(String.raw`\b(?:run|apply) [\w-]+ (?:pipeline|workflow)\b`)], priority: 6 },
  { tool: 'help', patterns: [r(String.raw`\bwhich (?:method|tool|approach|algorithm|denoiser|model should|segmentation|tracker|threshold)\b`), r(String.raw`\bshould i (?:use|choose|pick|try)\b`), r(String.raw`\bwhat(?:'s| is) the (?:best|right|recommended) (?:way|method|approach|tool)\b`), r(String.raw`\b(?:why|when) (?:should|would|do) (?:i|you|we)\b`), r(String.raw`\b(?:advice|recommend\w*)\b`), r(String.raw`\bhow do i choose\b`), r(String.raw`\bwhat is the difference between\b`), r(String.raw`\bis it (?:ok|safe|fine|okay) to\b`), r(String.raw`\bexplain (?:how|why|what)\b`)], priority: 7 },
  // the microscope
  { tool: 'dose_report', patterns: [r(String.raw`\bhow much (?:light|dose|laser|exposure|illumination)\b`), r(String.raw`\b(?:light |total )?dose\b`), r(String.raw`\bphototox\w*`), r(String.raw`\blight budget\b`)], priority: 3 },
  { tool: 'microscope_status', patterns: [r(String.raw`\bhow (?:much )?(?:longer|long is left|long until|much time is left)\b`), r(String.raw`\btime (?:left|remaining)\b`), r(String.raw`\b(?:microscope|acquisition|acq|scope) status\b`), r(String.raw`\bstatus of the (?:microscope|acquisition)\b`), r(String.raw`\bwhat(?:'s| is) the (?:microscope|scope|acquisition) doing\b`), r(String.raw`\bhow is the (?:acquisition|experiment|time-?lapse) going\b`), r(String.raw`\bwhen will (?:it|the acquisition|the run) (?:finish|end|be done)\b`), r(String.raw`\bcurrent (?:settings|position|objective)\b`), r(String.raw`\bwhere is the stage\b`)], priority: 3 },
  { tool: 'snap', patterns: [r(String.raw`\bsnap\w*`), r(String.raw`\btake (?:a |an |one )?(?:single )?(?:image|picture|snapshot|photo|frame)\b`), r(String.raw`\bacquire (?:a |one )?single (?:image|frame)\b`)], priority: 2 },
  { tool: 'move_stage', patterns: [r(String.raw`\bmove (?:the )?stage\b`), r(String.raw`\b(?:go|move) to (?:position|x\s*=?)`), r(String.raw`\bmove (?:by |\d)`), r(String.raw`\bgo to (?:the )?(?:well|position)\b`), r(String.raw`\bshift the stage\b`)], priority: 2 },
  { tool: 'add_rule', patterns: [r(String.raw`\b(?:when|whenever|once|as soon as|if)\b[^.?!]{0,60}\b(?:divides?|divid\w+|divisions?|mitos[ie]s|appears?|dies|die|count|number of cells|intensity|focus|drops?|exceeds?|rises?|goes above|goes below|falls?)\b`)], priority: 8 },
  { tool: 'list_rules', patterns: [r(String.raw`\b(?:list|show|what|which)(?: me)? (?:are )?(?:the |my |all )?(?:active |current )?rules\b`), r(String.raw`\brules (?:are )?(?:active|running|set)\b`)], priority: 9 },
  { tool: 'remove_rule', patterns: [r(String.raw`\b(?:remove|delete|cancel|drop|disable|turn off) (?:the |that |this |all |rule )?(?:\w+ )?rules?\b`)], priority: 9 },
  { tool: 'pause_acquisition', patterns: [r(String.raw`\bpause\w*`), r(String.raw`\bhold on\b`), r(String.raw`\bhalt (?:for now|temporarily)\b`)], priority: 3 },
  { tool: 'resume_acquisition', patterns: [r(String.raw`\bresum\w*`), r(String.raw`\bcontinue (?:the )?(?:acquisition|imaging|time-?lapse|experiment|run)\b`), r(String.raw`\bunpause\b`), r(String.raw`\bcarry on\b`), r(String.raw`\bstart (?:again|back up)\b`)], priority: 4 },
  { tool: 'stop_acquisition', patterns: [r(String.raw`\b(?:stop|abort|end|finish|terminate|cancel|kill) (?:the |this )?(?:acquisition|imaging|time-?lapse|experiment|run|recording)\b`), r(String.raw`\bstop (?:imaging|acquiring|recording)\b`), r(String.raw`\bstop (?:it |everything )?(?:now|immediately)\b`), r(String.raw`\bfinish after (?:this|the current)\b`)], priority: 4 },
  { tool: 'start_acquisition', patterns: [r(String.raw`\b(?:start|begin|launch|set up|run) (?:an? |the )?(?:new )?(?:acquisition|time-?lapse|imaging|recording|experiment|mda)\b`), r(String.raw`\b(?:image|acquire|record|film|capture)\b[^.?!]{0,60}\bevery\b`)], priority: 2 },
  { tool: 'adjust_acquisition', patterns: [r(String.raw`\b(?:speed up|slow down|go faster|go slower)\b`), r(String.raw`\b(?:change|set|switch|make) (?:the )?(?:interval|frame interval|time interval|imaging interval)\b`), r(String.raw`\b(?:drop|lower|reduce|raise|increase|decrease|set|turn (?:up|down)|bump|cut|change)\b[^.?!]{0,30}\b(?:laser|power|exposure|led|intensity of the)\b`), r(String.raw`\badd (?:a |an )?(?:\d+(?:\.\d+)?\s*(?:µm|um|micron)s? )?z[- ]?(?:stack|planes|slices)\b`), r(String.raw`\b(?:add|drop|remove|skip|stop imaging|include) (?:the )?(?:dapi|hoechst|gfp|fitc|yfp|rfp|mcherry|rhodamine|tritc|cy5|brightfield|bf|\d{3}(?: ?nm)?(?: laser)?) ?(?:channel|laser)?\b`), r(String.raw`\bzoom (?:in )?(?:in|into|on|onto)\b`), r(String.raw`\bevery \d+(?:\.\d+)? ?(?:s|sec|seconds?|min|mins|minutes?|h|hours?) (?:from now|now|instead|from here)\b`)], priority: 1 },
];

/** Method names per tool, canonical value first; matched case-insensitively in the step's clause. */
export const METHODS: Record<string, { value: string; re: RegExp }[]> = {
  segment: [
    { value: 'stardist', re: /\bstar-?dist\b/i },
    { value: 'cellpose', re: /\bcell-?pose\b/i },
    { value: 'otsu', re: /\botsu\b/i },
    { value: 'li', re: /\bli(?:'s)? (?:threshold|method)|\bminimum cross[- ]entropy\b|\bmethod li\b|\bwith li\b/i },
    { value: 'triangle', re: /\btriangle\b/i },
    { value: 'yen', re: /\byen\b/i },
    { value: 'huang', re: /\bhuang\b/i },
    { value: 'log', re: /\b(?:log|laplacian of gaussian|blob|spot) ?(?:detector|detection|filter)?\b(?!\s*(?:file|in))|\btrackmate's detector\b/i },
  ],
  denoise: [
    { value: 'n2v', re: /\b(?:n2v|noise2void|noise-?to-?void|self-?supervised)\b/i },
    { value: 'care', re: /\bcare\b(?! about)/i },
    { value: 'gaussian', re: /\bgaussian(?: blur| filter)?\b/i },
    { value: 'median', re: /\bmedian(?: filter)?\b/i },
    { value: 'nlmeans', re: /\bnon-?local means\b|\bnl-?means\b/i },
  ],
  correct_bleach: [
    { value: 'exponential', re: /\bexp(?:onential)?(?: fit(?:ting)?| decay)?\b/i },
    { value: 'histogram', re: /\bhistogram(?: matching)?\b/i },
    { value: 'ratio', re: /\b(?:simple )?ratio\b|\bmean intensity\b/i },
  ],
  project: [
    { value: 'temporal_color', re: /\bcolou?r[- ]?cod\w*|\btemporal colou?r\w*|\btime[- ]colou?r\w*|\brainbow\b/i },
    { value: 'max', re: /\bmax(?:imum)?\b|\bmip\b|\bbrightest\b/i },
    { value: 'mean', re: /\b(?:mean|average|avg)\b/i },
    { value: 'sum', re: /\bsum\b|\bsummed\b|\btotal intensity\b/i },
    { value: 'min', re: /\bmin(?:imum)?\b(?!\w)/i },
    { value: 'std', re: /\bstd\b|\bstandard deviation\b|\bsd projection\b/i },
    { value: 'median', re: /\bmedian\b/i },
  ],
  embed: [
    { value: 'umap', re: /\bumap\b/i },
    { value: 'pca', re: /\bpca\b|\bprincipal components?\b/i },
    { value: 'tsne', re: /\bt-?sne\b/i },
  ],
  export: [
    { value: 'ctc', re: /\bctc\b|\bcell tracking challenge\b/i },
    { value: 'trackmate', re: /\btrackmate\b|\bxml\b/i },
    { value: 'csv', re: /\bcsv\b|\bspreadsheet\b|\bexcel\b|\btable\b/i },
  ],
  analyze_timeseries: [
    { value: 'autocorrelation', re: /\bauto-?correlat\w*|\bperiodic\w*|\boscillat\w*|\bperiod\b/i },
    { value: 'crosscorrelation', re: /\bcross-?correlat\w*|\blag between\b/i },
    { value: 'granger', re: /\bgranger\b/i },
    { value: 'peaks', re: /\bpeaks?\b|\bpulses?\b/i },
    { value: 'normalize', re: /\bnormali[sz]\w*|\bf\s*\/\s*f0\b/i },
  ],
  plot: [
    { value: 'projection', re: /\b(?:projection|overview) (?:with|and) (?:the )?(?:tracks|paths|trajectories)\b|\b(?:tracks?|trajector\w+|paths?) (?:overlaid |drawn |superimposed )?(?:on|over|on top of)\b[^.;,]{0,25}\bprojection\b|\btracks? (?:overlaid|on top of)\b/i },
    { value: 'frame', re: /\boutlines?\b|\boverlay\w*\b|\bcontours?\b/i },
    { value: 'histogram', re: /\bhistogram\w*|\bdistribution\w*/i },
    { value: 'tracks', re: /(?<!\b(?:per|each|every|by|for each|for every) )\btracks?\b(?! (?:length|over time))|\btrajector\w*|\bpaths?\b/i },
    { value: 'scatter', re: /\bscatter\b|\bumap\b|\bpca\b|\bt-?sne\b|\bembedding\b|\bversus\b|\bvs\.?\b|\bagainst\b/i },
    { value: 'timeseries', re: /\bover time\b|\btime[- ]?series\b|\bthrough time\b|\bper frame\b|\bacross frames\b|\bcurves?\b|\btraces?\b/i },
  ],
  correct_drift: [
    { value: 'previous', re: /\bprevious frame\b|\bframe[- ]to[- ]frame\b|\bconsecutive\b/i },
    { value: 'first', re: /\bfirst frame\b/i },
    { value: 'mean', re: /\b(?:mean|average) (?:frame|image)\b/i },
  ],
};

/** Channel names as microscopists write them (Micro-Manager demo presets and common fluorophores). */
export const CHANNEL_NAMES = ['DAPI', 'Hoechst', 'GFP', 'FITC', 'YFP', 'CFP', 'mCherry', 'RFP', 'tdTomato', 'Rhodamine', 'TRITC', 'Cy5', 'Cy3', 'mScarlet', 'mNeonGreen', 'SiR', 'Brightfield', 'Phase', 'DIC'];

/** Laser lines to the channel they excite (Micro-Manager demo names). */
export const LASER_CHANNELS: Record<string, string> = { '405': 'DAPI', '488': 'FITC', '561': 'Rhodamine', '555': 'Rhodamine', '640': 'Cy5', '647': 'Cy5', '633': 'Cy5' };

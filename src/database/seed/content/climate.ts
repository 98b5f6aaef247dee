import type { TopicGroup } from "./types";

export const climate: TopicGroup = {
  tag: "climate",
  authors: ["sofia-marques", "sofia-marques", "maria-lindqvist"],
  stories: [
    {
      titles: [
        "{place} records its hottest summer night as temperatures stay above {n}C",
        "Heat that would not break: {place} logs record warm night at {n}C",
      ],
      excerpt:
        "Temperatures in {place} did not fall below {n}C overnight, a record for the city. Doctors say warm nights are when heat does the most harm.",
      lede: "Temperatures in {place} stayed above {n}C throughout the night, the warmest night since records began at the city's main weather station. Forecasters said a slow-moving area of high pressure had trapped warm air over the region for more than a week.",
      detail:
        "The previous record was set only four years ago. Meteorologists said warm nights are rising faster than daytime highs across much of Europe, and that dense urban areas, where brick and asphalt release heat long after sunset, can be several degrees warmer than the surrounding countryside. Calls to the city's non-emergency health line rose by about {m} per cent during the hottest days.",
      closer:
        "Forecasters expect temperatures to return closer to normal within a few days, but warn that spells like this are likely to become more frequent. The council's heat action plan is due to be updated before next summer.",
      list: {
        intro: "Health officials advise people during hot weather to:",
        items: [
          "check on older neighbours and relatives, especially those who live alone",
          "keep curtains closed on windows that face the sun",
          "drink water regularly and avoid alcohol in the hottest hours",
          "plan outdoor activity for the early morning or evening",
        ],
      },
      alt: "People sitting by a fountain in {place} late on a hot summer evening",
      n: [20, 24, 1],
      m: [20, 45, 1],
    },
    {
      titles: [
        "{place} plants {n} street trees in push to cool its hottest districts",
        "{n} new trees for {place} as city targets neighbourhoods with least shade",
      ],
      excerpt:
        "The city is planting {n} trees this season, concentrated in the districts that heat up most in summer. Residents will be asked to help water them.",
      lede: "{place} will plant {n} street trees this season, most of them in the districts that satellite data show heat up most on summer afternoons. The council said the programme is the largest of its kind in the city's history.",
      detail:
        "Officials used thermal maps of the city to pick the streets, many of them in older, densely built neighbourhoods with little green space. Species have been chosen to cope with hotter, drier summers, and each tree comes with a two-year watering plan. Residents can adopt a tree and receive reminders when the soil is dry; about {m} people signed up in the first week.",
      closer:
        "Planting will continue until the end of March, when the ground becomes too dry. Residents can see a map of planned sites on the council's website and suggest streets for next season.",
      alt: "A newly planted young tree with a watering bag on a residential street in {place}",
      n: [800, 4800, 100],
      m: [300, 1500, 10],
    },
    {
      titles: [
        "{place} flood defences tested as rivers reach highest level in {n} years",
        "Rivers rise to {n}-year high around {place} after days of heavy rain",
      ],
      excerpt:
        "Several days of heavy rain pushed rivers around {place} to their highest level in {n} years. New flood barriers held, but some low-lying streets were evacuated.",
      lede: "Rivers around {place} rose to their highest level in {n} years after several days of heavy rain, testing flood defences completed only recently. Emergency services evacuated a number of homes in low-lying streets as a precaution.",
      detail:
        "The new barriers, built after damaging floods a decade ago, held along most of the river, but surface water overwhelmed drains in several neighbourhoods. Engineers said about {m} properties had been protected that would otherwise have been at risk. Insurance industry figures suggest the cost of flood damage in the region has roughly doubled in twenty years.",
      closer:
        "Environment officials and the council will review how the defences performed once water levels fall. Residents affected by flooding can contact the council's helpline for advice on clean-up and temporary accommodation.",
      alt: "A swollen river running close to the top of a flood wall in {place}",
      n: [20, 60, 1],
      m: [400, 2600, 50],
    },
    {
      titles: [
        "{place} emissions fell {n} per cent last year, council report finds",
        "Council report: {place} cut emissions by {n} per cent, but heating lags",
      ],
      excerpt:
        "The city's greenhouse gas emissions fell by {n} per cent last year, driven by cleaner electricity. Emissions from heating homes barely moved.",
      lede: "Greenhouse gas emissions in {place} fell by {n} per cent last year, according to the council's annual climate report, putting the city roughly on course for its interim target. Most of the reduction came from a cleaner electricity grid rather than from changes within the city itself.",
      detail:
        "Emissions from transport fell modestly, helped by the electrification of the bus fleet, but emissions from heating homes and offices were almost unchanged. The report estimates that around {m} per cent of the city's homes still rely entirely on gas or oil for heating, and warns that progress will be much harder from here.",
      closer:
        "The council will debate the report next month. Councillors are expected to consider a proposal for a city-wide advice service on heat pumps and insulation.",
      list: {
        intro: "The city's climate plan focuses on four areas:",
        items: [
          "insulating and heating buildings without fossil fuels",
          "cleaner transport, including an electric bus fleet",
          "more green space and shade in the densest neighbourhoods",
          "better protection against floods and drought",
        ],
      },
      alt: "Rooftops and chimneys across {place} seen from a high vantage point",
      n: [3, 11, 1],
      m: [55, 85, 1],
      tags: ["energy"],
    },
    {
      titles: [
        "Opinion: {place} needs to plan for the summers that are already here",
        "Opinion: climate adaptation in {place} is not defeatism, it is basic maintenance",
      ],
      excerpt:
        "Cutting emissions matters, but so does making sure schools, care homes and buses are bearable in a heatwave. The city is still treating that as an afterthought.",
      lede: "We talk about climate change in {place} as though it were a problem for our grandchildren. Anyone who spent last summer in a top-floor flat, a school classroom facing south or a bus with broken air conditioning knows that it is a problem for us, now.",
      detail:
        "Cutting emissions remains essential, and the city deserves credit for what it has done. But adaptation, the unglamorous work of shading streets, insulating buildings against heat as well as cold and protecting people who are most at risk, still sits at the bottom of the list, funded from whatever is left over.",
      closer:
        "The summers we fear are not coming. They are here. The least we can do is plan for them with the same seriousness we bring to snow ploughs and gritting lorries every winter.",
      alt: "A sunlit street in {place} with people walking in the shade of buildings",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Europe is the fastest-warming continent, warming at roughly twice the global average since the 1980s, according to the European climate monitoring service. The consequences are increasingly visible in cities, where heat, heavy rain and drought put pressure on infrastructure designed for a cooler, more predictable climate.",
    "Climate scientists are careful about attributing any single event to global warming, but attribution studies have found that many recent heatwaves and extreme rainfall events in Europe were made more likely and more intense by human-caused warming.",
    "The people most exposed are often those with least ability to adapt: older residents living alone, people with long-term illnesses, outdoor workers and families in poorly insulated housing. Public health officials say the risks are highest when several hot days and warm nights follow one another.",
    "{place} adopted a climate action plan five years ago, setting a target of net zero emissions for the city's own operations and an ambition for the wider city. Progress reports since then have shown steady gains in some areas and stubborn problems in others, particularly buildings and freight.",
    "Environmental groups say the city has made a reasonable start but needs to move faster. They have called for a clearer timetable, published each year, showing what has been done and what has slipped.",
    "Researchers at the local university have installed a network of low-cost sensors across the city to measure temperature and humidity street by street. Their data show differences of several degrees between leafy suburbs and the densest parts of the centre on the same afternoon.",
    "Nature-based solutions, such as trees, green roofs, restored wetlands and permeable paving, have become popular with city planners because they address several problems at once: they cool streets, absorb rainwater, support wildlife and make neighbourhoods more pleasant to live in.",
    "The council's climate budget remains small compared with the scale of the challenge, and much of the money comes from time-limited national and European grants. Officials say that makes long-term planning difficult and leaves projects vulnerable when funding rounds end.",
    "Insurers have started to factor climate risk into their pricing more explicitly, and in some areas premiums for homes near rivers or on the coast have risen sharply. Consumer groups warn that some households may find cover increasingly hard to obtain.",
    "Local businesses have mixed views. Some see opportunities in retrofitting, renewable energy and green services; others worry about the costs of new rules and the disruption of works in the streets outside their premises.",
  ],
  subheadings: [
    "Why it matters",
    "What the data show",
    "Living with the heat",
    "The cost of adapting",
    "What comes next",
  ],
  quotes: [
    "What used to be an exceptional summer is now an ordinary one, and our buildings and streets were not designed for that",
    "The cheapest tonne of carbon is the one we never emit, but we also have to live with the warming we have already locked in",
    "This is encouraging, but the easy reductions are behind us and the hard ones are ahead",
    "Every tree we plant now is shade we will be grateful for in fifteen years",
    "We should not be surprised any more; we should be prepared",
    "Adaptation is not giving up, it is looking after people",
  ],
  roles: [
    "a climate scientist at the University of {place}",
    "the council's lead member for climate and environment",
    "a spokesperson for {org}",
    "a public health consultant in {place}",
    "an urban ecologist who advises the city",
  ],
  orgs: ["Friends of {place} Green Spaces", "the Urban Climate Network", "the Coolstreets campaign", "Rivers Watch"],
  sources: [
    { url: "https://climate.copernicus.eu/", title: "Copernicus Climate Change Service" },
    { url: "https://www.ipcc.ch/reports/", title: "IPCC reports" },
    {
      url: "https://www.eea.europa.eu/en/topics/in-depth/climate-change-impacts-risks-and-adaptation",
      title: "European Environment Agency: climate impacts and adaptation",
    },
  ],
};

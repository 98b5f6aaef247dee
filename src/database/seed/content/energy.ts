import type { TopicGroup } from "./types";

export const energy: TopicGroup = {
  tag: "energy",
  authors: ["pieter-de-vries", "pieter-de-vries", "daniel-okafor"],
  stories: [
    {
      titles: [
        "Solar panels to go on the roofs of {n} public buildings in {place}",
        "{place} turns school and library roofs into solar power stations",
      ],
      excerpt:
        "Schools, libraries, leisure centres and depots across {place} will get solar panels. The council expects to save {cur}{m},000 a year on electricity.",
      lede: "Solar panels will be installed on the roofs of {n} public buildings in {place} over the next eighteen months, including schools, libraries, leisure centres and council depots, in one of the largest public solar programmes in the region.",
      detail:
        "The council expects the panels to supply a substantial share of the electricity used in the buildings during the day, saving about {cur}{m},000 a year at current prices. Schools will also be able to use live data from their panels in lessons. Surplus electricity will be sold to the grid, and some buildings will be fitted with batteries.",
      closer:
        "Installation will begin at schools during the summer holidays. The council is also exploring whether residents could invest in future projects through a community energy scheme.",
      alt: "Solar panels on the flat roof of a school in {place}",
      n: [30, 140, 5],
      m: [150, 900, 10],
      tags: ["climate"],
    },
    {
      titles: [
        "{place} heat network to connect {n},000 homes to low-carbon heating",
        "Underground pipes to bring low-carbon heat to {n},000 homes in {place}",
      ],
      excerpt:
        "A new heat network will pipe hot water from a river-source heat pump and an industrial site to {n},000 homes and offices in {place}.",
      lede: "{place} is to build a heat network that will eventually supply about {n},000 homes, offices and public buildings with low-carbon heating, using large heat pumps that draw warmth from the river and waste heat from a nearby industrial site.",
      detail:
        "Hot water will travel through insulated pipes under the streets to buildings connected to the network, replacing individual gas boilers. The first phase, costing about {cur}{m} million, will connect the hospital, the university and several large housing estates. Customers will be protected by a price guarantee linked to what they would pay for gas.",
      closer:
        "Work on the energy centre will begin next year, and the first buildings are expected to be connected within three years. Residents near the routes will be consulted on the timing of road works.",
      alt: "Workers laying insulated heating pipes in a trench in {place}",
      n: [4, 22, 1],
      m: [40, 260, 10],
      tags: ["climate"],
    },
    {
      titles: [
        "Community-owned wind turbines near {place} start generating",
        "Wind turbines owned by {n} local shareholders begin turning near {place}",
      ],
      excerpt:
        "Three wind turbines owned by a community co-operative near {place} have begun generating electricity. Profits will go to local energy-saving projects.",
      lede: "Three wind turbines owned by a community energy co-operative have begun generating electricity on a hillside outside {place}. The turbines are owned by about {n} local shareholders, many of whom invested a few hundred pounds or euros each.",
      detail:
        "The turbines are expected to produce enough electricity in a year to match the annual use of about {m},000 homes. Shareholders will receive a modest annual return, and a share of the profits will fund insulation and energy advice for households struggling with their bills. The project took seven years to reach this point, including a long planning process and a public inquiry.",
      closer:
        "The co-operative is already planning its next project, a solar farm on land owned by the council, and will open a new share offer next year.",
      alt: "Three wind turbines on a green hillside outside {place}",
      n: [800, 3600, 100],
      m: [3, 9, 1],
      tags: ["local"],
    },
    {
      titles: [
        "{n} per cent of households in {place} struggle to heat their homes",
        "Fuel poverty affects {n} per cent of {place} households, report finds",
      ],
      excerpt:
        "About {n} per cent of households in {place} cannot afford to keep their homes warm enough, according to a new report. Damp and cold homes are linked to illness.",
      lede: "About {n} per cent of households in {place} are unable to afford to heat their homes to a healthy temperature, according to a report by the city's public health team. The figure is well above the level of five years ago, despite recent falls in wholesale energy prices.",
      detail:
        "The report found that households in older, poorly insulated homes, families with young children and people with disabilities were most affected. Cold and damp homes are linked to respiratory illness, worse outcomes for people with heart conditions and poorer mental health. About {m} per cent of households surveyed said they had cut back on food or other essentials to pay energy bills.",
      closer:
        "The council has expanded its energy advice service and is urging residents to check whether they are eligible for discounts, grants and help with insulation.",
      list: {
        intro: "Energy advisers suggest that households struggling with bills:",
        items: [
          "check whether they qualify for a discount or grant",
          "contact their supplier early if they fall behind on payments",
          "ask for free advice on insulation and draught-proofing",
          "check that heating controls and timers are set correctly",
        ],
      },
      alt: "A thermostat on the wall of a home in {place}",
      n: [11, 24, 1],
      m: [18, 40, 1],
      tags: ["health"],
    },
    {
      titles: [
        "{n}MW battery storage site approved on edge of {place}",
        "{place} backs {n}-megawatt battery site to store renewable power",
      ],
      excerpt:
        "A large battery storage site will be built on former industrial land near {place}. It will store electricity when wind and solar output is high.",
      lede: "Plans for a {n}-megawatt battery storage site on former industrial land on the edge of {place} have been approved by the council's planning committee. The site will store electricity when output from wind and solar farms is high and release it when demand peaks.",
      detail:
        "The batteries, housed in rows of shipping-container-sized units, will be able to power the equivalent of about {m},000 homes for two hours. Some residents raised concerns about fire safety and noise, and the developer has agreed to additional fire-fighting measures and a landscaped bank to screen the site.",
      closer:
        "Construction is expected to take about a year. The developer will pay into a community fund for the surrounding neighbourhoods for the lifetime of the project.",
      alt: "Rows of battery storage units at an energy site near {place}",
      n: [20, 240, 10],
      m: [10, 90, 5],
      tags: ["technology"],
    },
  ],
  paragraphs: [
    "Europe's energy system is changing rapidly. Wind and solar power now supply a large and growing share of electricity in many countries, and the challenge has shifted from building generation to moving and storing power and decarbonising heat.",
    "Energy prices rose sharply across Europe after 2021 and remain higher than they were a few years ago. Households and businesses in {place} have felt the effects, and many have become more interested in ways to cut their consumption and produce their own power.",
    "Connecting new projects to the electricity grid has become one of the biggest obstacles to the energy transition. Developers in many European countries report waiting years for a connection, and network operators are investing heavily to expand capacity.",
    "{body} welcomed the project and said it showed the benefits of local involvement in energy. It argues that projects owned by or sharing profits with local communities face less opposition and keep more of the benefits in the area.",
    "Heating buildings accounts for a large share of energy use and emissions in {place}, most of it from gas boilers. Replacing them with heat pumps and heat networks is expected to be one of the biggest challenges of the next two decades.",
    "Critics say that the pace of change has been too slow, with schemes stuck in planning for years, while others worry about the cost to consumers and the impact of large new infrastructure on landscapes and neighbourhoods.",
    "The council's energy strategy aims to make the city's own buildings and vehicles carbon neutral within the next decade, and to help residents and businesses cut their emissions through advice, grants and partnerships.",
    "Engineers say the technology involved is well proven elsewhere in Europe, particularly in the Nordic countries, where heat networks and large heat pumps have supplied cities for decades.",
    "Local businesses in the energy sector, from installers to engineering consultancies, say demand for their services is growing but that a shortage of skilled workers is holding them back. Colleges in the city have launched new courses to help.",
    "Residents interviewed for this article were broadly supportive, though several said they wanted clearer information about what the changes would mean for their bills and whether they would need to do anything themselves.",
  ],
  subheadings: ["How it works", "What it means for bills", "The bigger picture", "Local power", "What comes next"],
  quotes: [
    "Every unit of energy we generate or save locally is money that stays in the city",
    "The technology is ready; what we need now is the will to build it at scale",
    "People want to do the right thing, but they need it to be affordable and straightforward",
    "This shows what a community can achieve when it decides to do something for itself",
    "We cannot decarbonise the grid without places to store power when the wind is blowing",
  ],
  roles: [
    "the council's cabinet member for climate and energy",
    "a director of {body}",
    "an energy engineer at the University of {place}",
    "a resident who has installed a heat pump in her home",
  ],
  orgs: ["{place} Community Energy", "the Regional Energy Partnership", "the Clean Heat Alliance"],
  sources: [
    { url: "https://www.iea.org/reports", title: "International Energy Agency reports" },
    { url: "https://energy.ec.europa.eu/", title: "European Commission: energy" },
    { url: "https://www.acer.europa.eu/", title: "EU Agency for the Cooperation of Energy Regulators" },
  ],
};

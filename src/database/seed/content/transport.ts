import type { TopicGroup } from "./types";

export const transport: TopicGroup = {
  tag: "transport",
  authors: ["james-whitcombe", "james-whitcombe", "sofia-marques"],
  stories: [
    {
      titles: [
        "{place} to build {n} kilometres of protected cycle lanes",
        "{place} approves {n}km cycle network despite objections from traders",
      ],
      excerpt:
        "Councillors in {place} have approved {n} kilometres of cycle lanes separated from traffic. Some shopkeepers fear the loss of parking will cost them customers.",
      lede: "{place} City Council has approved plans for {n} kilometres of cycle lanes physically separated from motor traffic, linking the city centre with several residential neighbourhoods, the university and the main hospital.",
      detail:
        "The network will cost about {cur}{m} million, most of it from a national active travel fund. About 400 parking spaces will be removed or relocated along the routes, which has angered some shopkeepers who say customers need to be able to park outside. The council points to surveys in other cities suggesting that people arriving on foot and by bike visit more often and spend more over a month.",
      closer:
        "Construction will be phased over three years, starting with the routes to the hospital and the university. Residents and businesses along each route will be consulted on the detailed designs.",
      alt: "Cyclists riding along a protected cycle lane in {place}",
      n: [8, 42, 1],
      m: [6, 38, 1],
      tags: ["climate"],
    },
    {
      titles: [
        "Bus journeys in {place} up {n} per cent since fares were capped",
        "Fare cap brings passengers back to {place} buses, up {n} per cent",
      ],
      excerpt:
        "A cap on single bus fares in {place} has coincided with a {n} per cent rise in passenger journeys. Operators want to know who will pay once the trial funding ends.",
      lede: "The number of bus journeys made in {place} has risen by {n} per cent in the year since single fares were capped, according to figures from the city's transport authority. The biggest increases were on routes serving outer estates and on evening services.",
      detail:
        "The cap is funded by the council and national government for a trial period, at a cost of about {cur}{m} million a year. Operators say the scheme has brought back passengers who gave up the bus during the pandemic, but warn that without continued funding fares would have to rise again. Passenger groups say reliability matters as much as price.",
      closer:
        "The transport authority will decide in the autumn whether to extend the cap. It is also consulting on changes to routes and timetables across the network.",
      alt: "Passengers boarding a double-decker bus at a stop in {place}",
      n: [7, 22, 1],
      m: [4, 16, 1],
      tags: ["local"],
    },
    {
      titles: [
        "{place} tram extension opens with {n} new stops",
        "First passengers ride {place}'s tram extension to {n} new stops",
      ],
      excerpt:
        "The long-awaited tram extension in {place} has opened, with {n} new stops linking the city centre to the eastern suburbs. It came in late and over budget.",
      lede: "The long-awaited extension of {place}'s tram network has opened to passengers, adding {n} new stops between the city centre and the eastern suburbs. Trams will run every seven minutes for most of the day.",
      detail:
        "The project opened about eighteen months later than planned and cost about {cur}{m} million, more than originally budgeted, after problems with utility pipes under the road and a shortage of specialist contractors. Businesses along the route, which endured years of roadworks, hope the extension will bring more customers.",
      closer:
        "Fares on the new section will be the same as on the rest of the network. A further extension to the airport is at an early planning stage.",
      alt: "A modern tram at a new stop in the suburbs of {place}",
      n: [5, 14, 1],
      m: [180, 650, 10],
    },
    {
      titles: [
        "{place} station to close for {n} days for track and signal upgrade",
        "Rail passengers face {n} days of disruption as {place} station closes",
      ],
      excerpt:
        "The main railway station in {place} will close for {n} days while tracks and signals are replaced. Replacement buses will run, but journeys will take longer.",
      lede: "The main railway station in {place} will close completely for {n} days later this year while engineers replace tracks, points and signalling equipment that in some places dates back several decades. Rail officials say the work will make services more reliable and allow more trains to run.",
      detail:
        "During the closure, replacement buses will connect the city with stations on either side of the works, adding up to an hour to some journeys. About {m},000 people use the station on a typical weekday. The closure has been timed to coincide with school holidays, when the number of commuters is lower.",
      closer:
        "Passengers are advised to check before they travel. Details of replacement services will be published on the rail operator's website a month before the closure begins.",
      alt: "Passengers on a platform at the main railway station in {place}",
      n: [5, 16, 1],
      m: [18, 65, 1],
    },
    {
      titles: [
        "Opinion: {place} needs buses that turn up, not another transport strategy",
        "Opinion: the best transport policy for {place} is a bus you can rely on",
      ],
      excerpt:
        "The city has produced strategy after strategy. Passengers at cold bus stops would settle for a timetable that means what it says.",
      lede: "{place} has no shortage of transport strategies. There is one for cycling, one for freight, one for the city centre and an overarching one that refers to all the others. What the city has a shortage of is buses that arrive when the timetable says they will.",
      detail:
        "For people who do not drive, which in some neighbourhoods means a majority of households, the bus is not a lifestyle choice. It is how they get to work, to hospital appointments and to see family. When services are cut back or cancelled without warning, the consequences are missed shifts, missed appointments and lonelier lives.",
      closer:
        "Fix the buses first. Everything else the city wants, from cleaner air to a busier city centre, depends on it.",
      alt: "People waiting at a bus stop in the rain in {place}",
      tags: ["opinion"],
    },
  ],
  paragraphs: [
    "Transport is the largest source of greenhouse gas emissions in many European cities, and most of those emissions come from cars and vans. Cities including {place} have set targets to shift more journeys to walking, cycling and public transport.",
    "About a third of households in {place} do not have access to a car, according to census figures, rising to more than half in some inner neighbourhoods. For them, the quality and cost of public transport shape access to jobs, education and health care.",
    "Congestion in the city has returned to levels seen before the pandemic at peak times, and average bus speeds on some main roads have fallen. Operators say that without more bus lanes, timetables become harder to keep.",
    "{body} said the news was welcome but warned that the city still had a long way to go. It wants a simpler ticketing system that works across buses, trams and trains, and more reliable information at stops.",
    "Road safety remains a concern. Police figures show that people walking and cycling account for a large share of those killed or seriously injured on the city's roads, even though they make up a smaller share of journeys.",
    "Motoring groups argue that many people have no realistic alternative to driving, particularly for journeys across the city or outside normal working hours, and say drivers should not be penalised while better options are still being built.",
    "Transport planners say the most effective changes are often the least glamorous: traffic signals that give priority to buses, safe crossings near schools, better lighting at stops and paths, and timetables that connect properly.",
    "Air quality has improved in {place} over the past decade as older vehicles have been replaced, but pollution on some busy roads still exceeds the limits recommended by the World Health Organization.",
    "Funding for transport schemes often comes from competitive national pots with tight deadlines, which critics say encourages cities to chase one-off projects rather than plan networks as a whole.",
    "Freight is an increasing share of traffic in the city, driven by online shopping and home deliveries. Several firms have begun using cargo bikes and small electric vans for deliveries in the centre.",
  ],
  subheadings: ["Getting around", "What passengers say", "Counting the cost", "The road ahead", "What happens next"],
  quotes: [
    "People will change how they travel if you give them an option that is safe, quick and reliable",
    "Every passenger we win back is a car that is not sitting in a traffic jam",
    "We understand the frustration, but this work has been put off for too long already",
    "It should not take a car to get to a job interview or a hospital appointment in a city of this size",
    "The test is simple: does it make the journey easier for the people who make it every day",
  ],
  roles: [
    "the council's cabinet member for transport",
    "a spokesperson for {body}",
    "a transport planner who has worked in several European cities",
    "a commuter who travels into {place} every day",
    "a shop owner on one of the affected routes",
  ],
  orgs: ["the {place} Passenger Forum", "Better Streets {place}", "the Regional Transport Users' Group"],
  sources: [
    { url: "https://transport.ec.europa.eu/", title: "European Commission: mobility and transport" },
    {
      url: "https://www.eea.europa.eu/en/topics/in-depth/transport-and-mobility",
      title: "European Environment Agency: transport and mobility",
    },
    { url: "https://www.who.int/health-topics/air-pollution", title: "World Health Organization: air pollution" },
  ],
};

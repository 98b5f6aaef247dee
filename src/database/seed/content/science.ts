import type { TopicGroup } from "./types";

export const science: TopicGroup = {
  tag: "science",
  authors: ["grace-mwangi", "grace-mwangi", "priya-raman"],
  stories: [
    {
      titles: [
        "Volunteers record {n} species in a single weekend in {place}",
        "{place} bioblitz finds {n} species, including a beetle not seen for decades",
      ],
      excerpt:
        "Hundreds of volunteers spent a weekend counting wildlife in {place}'s parks, gardens and riverbanks. Their tally of {n} species surprised even the organisers.",
      lede: "Volunteers in {place} recorded {n} species of plants, insects, birds, fungi and other wildlife over a single weekend, in the city's largest ever bioblitz. Among the finds was a small ground beetle that had not been recorded in the area for several decades.",
      detail:
        "About {m} people took part, from families with young children to retired botanists, working alongside experts from the local natural history society and the university. Every sighting was logged with a photograph and location in a public database, where specialists will check identifications over the coming months.",
      closer:
        "The organisers plan to repeat the survey every two years so that changes can be tracked over time. The full list of species will be published once the records have been verified.",
      alt: "Volunteers examining insects in a net at a park in {place}",
      n: [640, 1900, 10],
      m: [180, 900, 10],
      tags: ["climate"],
    },
    {
      titles: [
        "Microplastics found in {n} per cent of river samples around {place}",
        "Study finds microplastics in {n} per cent of water samples from {place}'s rivers",
      ],
      excerpt:
        "Researchers found tiny plastic particles in most water samples taken from rivers around {place}. Levels were highest downstream of treatment works and busy roads.",
      lede: "Tiny fragments of plastic were found in {n} per cent of water samples taken from rivers and streams around {place}, according to a study by researchers at the local university. Concentrations were highest downstream of wastewater treatment works and close to busy roads.",
      detail:
        "The team collected {m} samples over twelve months and used infrared spectroscopy to identify the types of plastic. Fibres from synthetic clothing were the most common, followed by fragments of packaging and particles thought to come from tyre wear. The researchers stressed that the health effects of microplastics on people and wildlife are still poorly understood.",
      closer:
        "The researchers will now extend the study to sediments on the riverbed, where they expect plastic particles to accumulate. Their data have been shared with the water company and environmental regulators.",
      alt: "A researcher taking a water sample from a river near {place}",
      n: [64, 97, 1],
      m: [120, 480, 10],
      tags: ["climate"],
    },
    {
      titles: [
        "Satellite built by {place} students reaches orbit",
        "{place} student satellite sends its first signal from space",
      ],
      excerpt:
        "A satellite the size of a shoebox, designed and built by university students in {place}, has reached orbit and sent its first signals home.",
      lede: "A small satellite designed and built by students at the university in {place} has reached orbit and sent its first signals back to a ground station on the campus roof. The satellite, about the size of a shoebox, was launched as one of dozens of small payloads on a commercial rocket.",
      detail:
        "More than {n} students from engineering, physics and computing have worked on the project over five years, supported by academic staff and a small grant from a European space education programme. The satellite carries a camera and an experiment to measure radiation in low Earth orbit, and is expected to operate for about {m} months before its orbit decays.",
      closer:
        "Members of the public can follow the satellite's position online, and the team has invited local amateur radio enthusiasts to help receive its signals as it passes overhead.",
      alt: "Students gathered around a small satellite in a university laboratory in {place}",
      n: [40, 160, 5],
      m: [12, 36, 1],
      tags: ["education"],
    },
    {
      titles: [
        "Archaeologists uncover {n} medieval objects beneath {place} car park",
        "Medieval {place} revealed as dig under car park yields {n} finds",
      ],
      excerpt:
        "A dig ahead of new building work in {place} has uncovered the foundations of medieval houses and {n} objects, from coins to shoe leather.",
      lede: "Archaeologists excavating a city-centre car park in {place} ahead of new building work have uncovered the foundations of medieval houses and workshops and {n} objects, including coins, pottery, bone combs and well-preserved pieces of shoe leather.",
      detail:
        "Waterlogged ground at the site preserved organic materials that usually rot away, giving a rare picture of everyday life in the town several centuries ago. The team has also found evidence of a fire that destroyed part of the street, followed by rebuilding on the same plots. About {m} volunteers have helped sieve soil and wash finds.",
      closer:
        "The site will be open to the public for guided tours on two weekends before the dig ends. The finds will be studied and catalogued, and a selection is expected to go on display at the city museum.",
      alt: "Archaeologists working in a trench in the centre of {place}",
      n: [300, 2400, 50],
      m: [20, 90, 5],
      tags: ["culture"],
    },
    {
      titles: [
        "{place} to host {cur}{n} million research centre on healthy ageing",
        "{cur}{n} million centre in {place} will study how to age well",
      ],
      excerpt:
        "A new research centre in {place} will study why some people stay healthy into old age and others do not. It will recruit thousands of local volunteers.",
      lede: "{place} has been chosen to host a new {cur}{n} million research centre that will study why some people remain healthy and independent into old age while others develop frailty and multiple illnesses much earlier.",
      detail:
        "The centre will bring together researchers in medicine, biology, social science and engineering, and plans to follow about {m},000 local volunteers over at least ten years. Participants will have regular check-ups and can choose to wear devices that measure activity and sleep. The university said the city's mix of affluent and deprived neighbourhoods made it well suited to the research.",
      closer:
        "Recruitment of volunteers will begin next year. The centre is expected to employ about a hundred researchers and support staff when it is fully running.",
      alt: "An older woman doing exercises with a physiotherapist in a research clinic",
      n: [12, 60, 1],
      m: [3, 12, 1],
      tags: ["health"],
    },
  ],
  paragraphs: [
    "The university in {place} has built a strong reputation for research in environmental science, engineering and medicine, and attracts researchers and students from across Europe. Its scientists regularly work with the council, the hospital and local companies.",
    "Researchers say projects like this depend on public support as much as on funding. Volunteers, donors and local organisations have all played a part, and the team has made a point of sharing its results in plain language as well as in academic journals.",
    "Citizen science has grown rapidly over the past decade, helped by smartphone apps that make it easy to record observations with photographs and precise locations. Scientists say the data, once checked, can reveal changes that would be impossible to track with professional teams alone.",
    "Independent experts who were not involved in the work described the findings as interesting but urged caution. Results from a single study, they said, need to be confirmed by others before firm conclusions can be drawn.",
    "Research funding in Europe has become more competitive in recent years, with success rates for many grant schemes falling. University leaders warn that uncertainty over funding makes it harder to recruit and keep talented early-career researchers.",
    "{body} welcomed the work and said it showed how much could be learned about the city by looking closely at what is already there. It has called for more opportunities for residents to take part in research.",
    "Scientists involved in the project said the most rewarding moments often came from unexpected places: a school group spotting something the experts had missed, or a question from a member of the public that led to a new line of investigation.",
    "The data will be made openly available so that other researchers can check the results and use them in their own work. Open data has become a requirement for many publicly funded projects in Europe.",
    "Students involved in research projects say the experience of working on something real, with deadlines and setbacks, has been as valuable as anything they have learned in lectures.",
    "Similar projects in other European cities have produced comparable results, though methods and conditions differ. The researchers hope to compare their findings with colleagues elsewhere in a joint study next year.",
  ],
  subheadings: [
    "How the work was done",
    "What the findings mean",
    "A team effort",
    "Questions still to answer",
    "What comes next",
  ],
  quotes: [
    "Science is at its best when people can see it happening on their own doorstep",
    "Every answer raised two new questions, which is exactly what you hope for",
    "We did not expect to find so much, and that in itself tells us something",
    "The real work starts now, when we sit down and make sense of everything we have collected",
    "It is a reminder that there is still a great deal to discover close to home",
  ],
  roles: [
    "a researcher at the University of {place} who led the project",
    "a professor at the University of {place}",
    "a spokesperson for {body}",
    "a doctoral student on the team",
  ],
  orgs: ["the {place} Natural History Society", "the {place} Science Festival", "the Open Science Network"],
  sources: [
    { url: "https://www.nature.com/news", title: "Nature: news" },
    { url: "https://www.esa.int/", title: "European Space Agency" },
    { url: "https://research-and-innovation.ec.europa.eu/", title: "EU research and innovation" },
  ],
};

// Test site written for pasarkerja: fetches the postings, then writes the list and one
// JobPosting JSON-LD block per posting into the page, as single-page job boards do.
fetch("/api/lowongan.json")
  .then((response) => response.json())
  .then((postings) => {
    const list = document.getElementById("lowongan");
    list.replaceChildren();
    for (const posting of postings) {
      const item = document.createElement("li");
      item.textContent = `${posting.title} - ${posting.hiringOrganization.name}`;
      list.appendChild(item);
      const block = document.createElement("script");
      block.type = "application/ld+json";
      block.textContent = JSON.stringify(posting);
      document.head.appendChild(block);
    }
  });

ssckbSearch.near("en",16,["parliamentarians"]);
